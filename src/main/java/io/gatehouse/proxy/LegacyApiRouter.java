package io.gatehouse.proxy;

import io.gatehouse.model.Api;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Kong 0.13's {@code apis} router, consulted after the routes. APIs are legacy and few, so a
 * sorted list is enough. A uri with characters outside {@code [A-Za-z0-9.\-_~/%]} is a regex,
 * as it was then; regexes are tried before plain prefixes, and longer prefixes first.
 */
final class LegacyApiRouter {

    private static final Pattern PLAIN_URI = Pattern.compile("[A-Za-z0-9.\\-_~/%]*");

    private record Entry(Api api, List<HostPattern> hosts, Set<String> methods, String prefix, Pattern regex) {
    }

    private static final Comparator<Entry> ORDER = Comparator
            .comparing((Entry e) -> e.hosts.isEmpty())
            .thenComparing(e -> e.regex == null)
            .thenComparing(Comparator.comparingInt((Entry e) -> e.prefix == null ? 0 : e.prefix.length()).reversed())
            .thenComparingLong(e -> e.api.createdAtMillis());

    private final List<Entry> entries = new ArrayList<>();
    private final java.util.concurrent.atomic.LongAdder examined = new java.util.concurrent.atomic.LongAdder();

    LegacyApiRouter(List<Api> apis) {
        for (Api api : apis) {
            List<HostPattern> hosts = api.hosts() == null ? List.of() : api.hosts().stream().map(HostPattern::parse).toList();
            Set<String> methods = api.methods() == null ? Set.of() : Set.copyOf(api.methods());
            List<String> uris = api.uris() == null ? List.of() : api.uris();
            if (uris.isEmpty()) {
                entries.add(new Entry(api, hosts, methods, null, null));
            }
            for (String uri : uris) {
                try {
                    boolean plain = PLAIN_URI.matcher(uri).matches();
                    entries.add(new Entry(api, hosts, methods, plain ? uri : null, plain ? null : Pattern.compile(uri)));
                } catch (PatternSyntaxException e) {
                    // An invalid regex never matched in 0.13 either.
                }
            }
        }
        entries.sort(ORDER);
    }

    RouteMatch match(RequestFacts request) {
        for (Entry entry : entries) {
            examined.increment();
            if (!entry.methods.isEmpty() && !entry.methods.contains(request.method())) {
                continue;
            }
            if (!entry.hosts.isEmpty() && entry.hosts.stream().noneMatch(h -> h.matches(request.host(), request.port()))) {
                continue;
            }
            if (entry.regex != null) {
                Matcher matcher = entry.regex.matcher(request.path());
                if (matcher.lookingAt()) {
                    return new RouteMatch(null, null, entry.api, request.path().substring(0, matcher.end()), Map.of());
                }
                continue;
            }
            if (entry.prefix == null || request.path().startsWith(entry.prefix)) {
                return new RouteMatch(null, null, entry.api, entry.prefix, Map.of());
            }
        }
        return null;
    }

    long candidatesExamined() {
        return examined.sum();
    }
}
