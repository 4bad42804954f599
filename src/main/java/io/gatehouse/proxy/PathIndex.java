package io.gatehouse.proxy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Routes of one host bucket, indexed by path. Prefix paths go into a character trie, so
 * finding every prefix of the request path costs its length, not the number of routes.
 * Regex paths and routes without a path cannot be indexed and are always candidates.
 */
final class PathIndex {

    private static final class Node {
        final Map<Character, Node> children = new HashMap<>(4);
        List<CompiledRoute> routes;
    }

    private final Node root = new Node();
    private final List<CompiledRoute> unindexed = new ArrayList<>();

    void add(CompiledRoute route) {
        if (route.prefix == null) {
            unindexed.add(route);
            return;
        }
        Node node = root;
        for (int i = 0; i < route.prefix.length(); i++) {
            node = node.children.computeIfAbsent(route.prefix.charAt(i), c -> new Node());
        }
        if (node.routes == null) {
            node.routes = new ArrayList<>(1);
        }
        node.routes.add(route);
    }

    /** Feeds every route whose prefix is a prefix of {@code path}, and every unindexed one. */
    void candidates(String path, Consumer<CompiledRoute> sink) {
        unindexed.forEach(sink);
        Node node = root;
        for (int i = 0; i < path.length() && node != null; i++) {
            node = node.children.get(path.charAt(i));
            if (node != null && node.routes != null) {
                node.routes.forEach(sink);
            }
        }
    }
}
