package io.gatehouse.snapshot;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** Publishes snapshots with one atomic swap; readers get whichever is current. */
public final class SnapshotHolder {

    private final AtomicReference<ConfigSnapshot> current = new AtomicReference<>(ConfigSnapshot.empty());
    private final java.util.List<Consumer<ConfigSnapshot>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ConfigSnapshot current() {
        return current.get();
    }

    /** Publishes {@code next} unless a newer version is already current. */
    public boolean publish(ConfigSnapshot next) {
        while (true) {
            ConfigSnapshot now = current.get();
            if (now.version() > next.version()) {
                return false;
            }
            if (current.compareAndSet(now, next)) {
                listeners.forEach(listener -> listener.accept(next));
                return true;
            }
        }
    }

    /** Called after each publish, on the publishing thread; used to warm derived caches. */
    public void onPublish(Consumer<ConfigSnapshot> listener) {
        listeners.add(listener);
    }
}
