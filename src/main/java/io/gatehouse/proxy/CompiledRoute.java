package io.gatehouse.proxy;

import io.gatehouse.model.Route;
import io.gatehouse.model.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One route with one of its paths, ready to test. Kong splits a route with several paths the
 * same way, so each path ranks by its own length and type.
 */
final class CompiledRoute {

    /**
     * Kong's traditional_compatible priority: more match fields, plain hosts only, more
     * headers, regex over prefix, regex_priority, longer prefix; then the oldest route.
     */
    static final Comparator<CompiledRoute> PRIORITY = Comparator
            .comparingInt((CompiledRoute r) -> r.fieldCount).reversed()
            .thenComparing(r -> !r.plainHostsOnly)
            .thenComparing(Comparator.comparingInt((CompiledRoute r) -> r.headerCount).reversed())
            .thenComparing(r -> r.regex == null)
            .thenComparing(Comparator.comparingInt((CompiledRoute r) -> r.regex == null ? 0 : r.route.regexPriority()).reversed())
            .thenComparing(Comparator.comparingInt((CompiledRoute r) -> r.prefix == null ? 0 : r.prefix.length()).reversed())
            .thenComparingLong(r -> r.route.createdAt())
            .thenComparing(r -> r.route.id() == null ? "" : r.route.id().toString());

    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?P?<([a-zA-Z][a-zA-Z0-9]*)>");

    private record HeaderRule(String name, Set<String> values, List<Pattern> patterns) {
        boolean matches(List<String> present) {
            for (String value : present) {
                String lower = value.toLowerCase(Locale.ROOT);
                if (values.contains(lower)) {
                    return true;
                }
                for (Pattern pattern : patterns) {
                    if (pattern.matcher(lower).find()) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    final Route route;
    final Service service;
    final String prefix;
    final Pattern regex;
    final List<HostPattern> hosts;
    private final Set<String> methods;
    private final List<HeaderRule> headers;
    private final List<String> groupNames;
    private final int fieldCount;
    private final boolean plainHostsOnly;
    private final int headerCount;

    private CompiledRoute(Route route, Service service, String path) {
        this.route = route;
        this.service = service;
        if (path == null) {
            prefix = null;
            regex = null;
            groupNames = List.of();
        } else if (path.startsWith("~")) {
            // Kong anchors regex paths at the start only; lookingAt() gives the same.
            String source = path.substring(1).replace("(?P<", "(?<");
            regex = Pattern.compile(source);
            prefix = null;
            groupNames = groupNames(source);
        } else {
            prefix = path;
            regex = null;
            groupNames = List.of();
        }
        hosts = route.hosts().stream().map(HostPattern::parse).toList();
        methods = Set.copyOf(route.methods());
        headers = compileHeaders(route.headers() == null ? Map.of() : route.headers());
        // A route without hosts does not count as "plain hosts only": that is why a host route
        // beats a longer path-only route of the same weight.
        plainHostsOnly = !hosts.isEmpty() && hosts.stream().allMatch(h -> h.kind() == HostPattern.Kind.EXACT);
        headerCount = headers.size();
        fieldCount = (route.methods().isEmpty() ? 0 : 1) + (hosts.isEmpty() ? 0 : 1) + (headers.isEmpty() ? 0 : 1)
                + (route.paths().isEmpty() ? 0 : 1) + (route.snis().isEmpty() ? 0 : 1);
    }

    /** One entry per path (or one without path); routes with an invalid regex are left out. */
    static List<CompiledRoute> compile(Route route, Service service) {
        List<CompiledRoute> out = new ArrayList<>();
        try {
            if (route.paths().isEmpty()) {
                out.add(new CompiledRoute(route, service, null));
            } else {
                for (String path : route.paths()) {
                    out.add(new CompiledRoute(route, service, path));
                }
            }
        } catch (PatternSyntaxException e) {
            java.util.logging.Logger.getLogger(CompiledRoute.class.getName())
                    .warning("route " + route.id() + " left out of the router: " + e.getDescription());
            return List.of();
        }
        return out;
    }

    /** Tests everything but the prefix, which the index already checked. */
    RouteMatch match(RequestFacts request) {
        if (!methods.isEmpty() && !methods.contains(request.method())) {
            return null;
        }
        if (!hosts.isEmpty() && !matchesHost(request)) {
            return null;
        }
        for (HeaderRule rule : headers) {
            if (!rule.matches(request.headers().all(rule.name()))) {
                return null;
            }
        }
        if (regex != null) {
            Matcher matcher = regex.matcher(request.path());
            if (!matcher.lookingAt()) {
                return null;
            }
            return new RouteMatch(route, service, null, request.path().substring(0, matcher.end()), captures(matcher));
        }
        if (prefix != null && !request.path().startsWith(prefix)) {
            return null;
        }
        return new RouteMatch(route, service, null, prefix, Map.of());
    }

    private boolean matchesHost(RequestFacts request) {
        for (HostPattern host : hosts) {
            if (host.matches(request.host(), request.port())) {
                return true;
            }
        }
        return false;
    }

    private Map<String, String> captures(Matcher matcher) {
        if (matcher.groupCount() == 0) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i <= matcher.groupCount(); i++) {
            if (matcher.group(i) != null) {
                out.put(Integer.toString(i), matcher.group(i));
            }
        }
        for (String name : groupNames) {
            if (matcher.group(name) != null) {
                out.put(name, matcher.group(name));
            }
        }
        return out;
    }

    /** Lower-cased names of the headers this route's rules look at. */
    List<String> headerNames() {
        return headers.stream().map(rule -> rule.name().toLowerCase(Locale.ROOT)).toList();
    }

    private static List<HeaderRule> compileHeaders(Map<String, List<String>> configured) {
        List<HeaderRule> rules = new ArrayList<>();
        configured.forEach((name, values) -> {
            Set<String> exact = new HashSet<>();
            List<Pattern> patterns = new ArrayList<>();
            for (String value : values) {
                if (value.startsWith("~*")) {
                    patterns.add(Pattern.compile(value.substring(2), Pattern.CASE_INSENSITIVE));
                } else {
                    exact.add(value.toLowerCase(Locale.ROOT));
                }
            }
            rules.add(new HeaderRule(name, exact, patterns));
        });
        return rules;
    }

    private static List<String> groupNames(String source) {
        List<String> names = new ArrayList<>();
        Matcher matcher = NAMED_GROUP.matcher(source);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
