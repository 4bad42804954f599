package io.gatehouse.proxy;

import io.gatehouse.model.Route;
import io.gatehouse.model.Service;
import io.gatehouse.snapshot.ConfigSnapshot;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;

/**
 * Kong's {@code traditional_compatible} router over one configuration snapshot.
 *
 * <p>Routes are bucketed by host (exact hosts by name, {@code *.x} by suffix, {@code x.*} by
 * prefix, host-less routes apart) and, inside a bucket, by path prefix. A request only looks at
 * the buckets its Host can reach and at the prefixes of its path, so matching cost depends on
 * how many routes could match, not on how many exist. Among the candidates that match, the
 * highest {@link CompiledRoute#PRIORITY} wins; legacy APIs are tried only when no route matched.
 *
 * <p>Like Kong's router, answers are remembered in a bounded cache keyed by everything matching
 * reads (method, host, port, path and the headers that routes test), so steady traffic skips
 * the index walk. The cache belongs to this router and so to one snapshot: a configuration
 * change starts from an empty one, and nothing can go stale. Caffeine's admission policy keeps
 * a flood of one-off paths from pushing out the routes that carry the traffic.
 */
public final class Router {

    private final Map<String, PathIndex> exactHosts = new HashMap<>();
    private final Map<String, PathIndex> suffixHosts = new HashMap<>();
    private final Map<String, PathIndex> prefixHosts = new HashMap<>();
    private final PathIndex anyHost = new PathIndex();
    private final LegacyApiRouter apis;
    private final LongAdder examined = new LongAdder();
    /** Names of all headers any route tests, in a fixed order: they are part of the cache key. */
    private final List<String> matchedHeaders;
    private final Cache<String, RouteMatch> answers = Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();
    /** Stands for "no route matched" in the cache, which cannot hold null. */
    private static final RouteMatch NO_MATCH = new RouteMatch(null, null, null, null, Map.of());
    static final int CACHE_SIZE = 5000;
    /** Keys longer than this are not cached, which bounds the cache to a few megabytes. */
    static final int MAX_CACHED_KEY = 512;

    public Router(ConfigSnapshot snapshot) {
        TreeSet<String> headerNames = new TreeSet<>();
        for (Route route : snapshot.routes()) {
            Service service = route.serviceId() == null ? null : snapshot.servicesById().get(route.serviceId());
            if (route.serviceId() != null && (service == null || !service.enabled())) {
                continue;
            }
            if (!isHttpRoute(route)) {
                continue;
            }
            for (CompiledRoute compiled : CompiledRoute.compile(route, service)) {
                index(compiled);
                headerNames.addAll(compiled.headerNames());
            }
        }
        matchedHeaders = List.copyOf(headerNames);
        apis = new LegacyApiRouter(snapshot.apis());
    }

    private static boolean isHttpRoute(Route route) {
        if (route.protocols().isEmpty()) {
            return true;
        }
        for (String protocol : route.protocols()) {
            if (protocol.startsWith("http") || protocol.startsWith("grpc")) {
                return true;
            }
        }
        return false;
    }

    private void index(CompiledRoute route) {
        if (route.hosts.isEmpty()) {
            anyHost.add(route);
            return;
        }
        for (HostPattern host : route.hosts) {
            Map<String, PathIndex> buckets = switch (host.kind()) {
                case EXACT -> exactHosts;
                case SUFFIX -> suffixHosts;
                case PREFIX -> prefixHosts;
            };
            buckets.computeIfAbsent(host.value(), k -> new PathIndex()).add(route);
        }
    }

    /** The best match, or null. */
    public RouteMatch match(RequestFacts request) {
        String key = cacheKey(request);
        if (key.length() > MAX_CACHED_KEY) {
            // Long, attacker-chosen paths would make the cache a memory sink: walk the index.
            return matchUncached(request);
        }
        RouteMatch answer = answers.get(key, ignored -> {
            RouteMatch found = matchUncached(request);
            return found == null ? NO_MATCH : found;
        });
        return answer == NO_MATCH ? null : answer;
    }

    private String cacheKey(RequestFacts request) {
        // Separators cannot occur inside the parts: Tomcat rejects control characters in the
        // request line and headers, and the normalised path keeps them percent-encoded.
        StringBuilder key = new StringBuilder(96).append(request.method()).append('\n')
                .append(request.host() == null ? "\u0002" : request.host()).append('\n').append(request.port()).append('\n').append(request.path());
        for (String name : matchedHeaders) {
            key.append('\n').append(name).append(':');
            for (String value : request.headers().all(name)) {
                key.append(value).append('\u0001');
            }
        }
        return key.toString();
    }

    /** The best match found by walking the index, bypassing the cache. */
    RouteMatch matchUncached(RequestFacts request) {
        Best best = new Best(request);
        String host = request.host();
        if (host != null) {
            visit(exactHosts.get(host), best);
            // Every ".tail" of the host could be a "*.tail" route; every "head." an "head.*" one.
            for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
                visit(suffixHosts.get(host.substring(dot)), best);
                visit(prefixHosts.get(host.substring(0, dot + 1)), best);
            }
        }
        visit(anyHost, best);
        examined.add(best.examined);
        if (best.match != null) {
            return best.match;
        }
        return apis.match(request);
    }

    /** Candidates examined by every match so far; tests use it to prove matching stays sub-linear. */
    public long candidatesExamined() {
        return examined.sum() + apis.candidatesExamined();
    }

    private void visit(PathIndex index, Best best) {
        if (index != null) {
            index.candidates(best.request.path(), best::consider);
        }
    }

    private static final class Best {
        final RequestFacts request;
        CompiledRoute route;
        RouteMatch match;
        int examined;

        Best(RequestFacts request) {
            this.request = request;
        }

        void consider(CompiledRoute candidate) {
            examined++;
            if (route != null && CompiledRoute.PRIORITY.compare(candidate, route) >= 0) {
                return;
            }
            RouteMatch found = candidate.match(request);
            if (found != null) {
                route = candidate;
                match = found;
            }
        }
    }
}
