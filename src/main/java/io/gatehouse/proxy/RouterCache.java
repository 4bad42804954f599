package io.gatehouse.proxy;

import io.gatehouse.snapshot.ConfigSnapshot;
import java.util.function.Function;

/**
 * Keeps one derived object (a router, a plugin plan) per snapshot. Rebuilt when the snapshot
 * changes; the publish listener warms it off the request threads, and a request that still
 * sees an old one simply builds it, so correctness never depends on the listener.
 */
final class RouterCache<T> {

    private record Built<T>(ConfigSnapshot snapshot, T value) {
    }

    private final Function<ConfigSnapshot, T> builder;
    private volatile Built<T> current;

    RouterCache(Function<ConfigSnapshot, T> builder) {
        this.builder = builder;
    }

    T get(ConfigSnapshot snapshot) {
        Built<T> built = current;
        if (built != null && built.snapshot == snapshot) {
            return built.value;
        }
        T value = builder.apply(snapshot);
        Built<T> fresh = new Built<>(snapshot, value);
        Built<T> seen = current;
        if (seen == null || seen.snapshot.version() <= snapshot.version()) {
            current = fresh;
        }
        return value;
    }
}
