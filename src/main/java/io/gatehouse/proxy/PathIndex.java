package io.gatehouse.proxy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Routes of one host bucket, indexed by path. Prefix paths are kept in one hash map per
 * prefix length; a request path is looked up once per distinct length, so the cost depends on
 * how many lengths the configured prefixes have (a handful), not on how many routes there are,
 * and it touches a few hash buckets rather than walking a large structure node by node.
 * Regex paths and routes without a path cannot be indexed and are always candidates.
 */
final class PathIndex {

    private final Map<String, List<CompiledRoute>> byPrefix = new HashMap<>();
    private final TreeSet<Integer> lengths = new TreeSet<>();
    private int[] lengthsAscending = new int[0];
    private final List<CompiledRoute> unindexed = new ArrayList<>();

    void add(CompiledRoute route) {
        if (route.prefix == null) {
            unindexed.add(route);
            return;
        }
        byPrefix.computeIfAbsent(route.prefix, p -> new ArrayList<>(1)).add(route);
        if (lengths.add(route.prefix.length())) {
            lengthsAscending = lengths.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** Feeds every route whose prefix is a prefix of {@code path}, and every unindexed one. */
    void candidates(String path, Consumer<CompiledRoute> sink) {
        if (!unindexed.isEmpty()) {
            unindexed.forEach(sink);
        }
        for (int length : lengthsAscending) {
            if (length > path.length()) {
                return;
            }
            List<CompiledRoute> routes = byPrefix.get(path.substring(0, length));
            if (routes != null) {
                routes.forEach(sink);
            }
        }
    }
}
