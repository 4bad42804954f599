package io.gatehouse.snapshot;

import io.gatehouse.store.ConfigVersionMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Keeps this node's snapshot current. A dedicated connection LISTENs for the NOTIFY that every
 * committed write sends; the version is also polled, in case a notification was missed while
 * the connection was down. Rebuilds run on one background thread and never overlap. While the
 * database is unreachable the last snapshot keeps serving.
 */
public final class ConfigWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConfigWatcher.class.getName());

    private final DataSource dataSource;
    private final SnapshotBuilder builder;
    private final SnapshotHolder holder;
    private final long pollIntervalMs;
    private final ScheduledExecutorService rebuilds = Executors.newSingleThreadScheduledExecutor(daemon("gatehouse-snapshot"));
    private final Thread listener;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean rebuildQueued = new AtomicBoolean();

    public ConfigWatcher(DataSource dataSource, SnapshotBuilder builder, SnapshotHolder holder, long pollIntervalMs) {
        this.dataSource = dataSource;
        this.builder = builder;
        this.holder = holder;
        this.pollIntervalMs = pollIntervalMs;
        this.listener = daemon("gatehouse-listen").newThread(this::listen);
    }

    /** Builds the first snapshot synchronously, then starts listening and polling. */
    public void start() {
        rebuild();
        listener.start();
        rebuilds.scheduleWithFixedDelay(this::pollVersion, pollIntervalMs, pollIntervalMs, TimeUnit.MILLISECONDS);
    }

    /** Asks for a rebuild; requests arriving while one is queued are folded into it. */
    public void requestRebuild() {
        if (rebuildQueued.compareAndSet(false, true)) {
            rebuilds.execute(() -> {
                rebuildQueued.set(false);
                rebuild();
            });
        }
    }

    private void rebuild() {
        try {
            long started = System.nanoTime();
            ConfigSnapshot snapshot = builder.build();
            if (holder.publish(snapshot)) {
                LOG.fine(() -> "Published configuration version " + snapshot.version() + " in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not rebuild the configuration snapshot; still serving version "
                    + holder.current().version(), e);
        }
    }

    private void pollVersion() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT version FROM gatehouse_config")) {
            if (result.next() && result.getLong(1) != holder.current().version()) {
                requestRebuild();
            }
        } catch (SQLException e) {
            // The database is away; the last snapshot keeps serving and the next poll tries again.
            LOG.fine(() -> "Configuration version poll failed: " + e.getMessage());
        }
    }

    private void listen() {
        long backoff = 500;
        while (running.get()) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + ConfigVersionMapper.CHANNEL);
                }
                // Anything committed while we were not listening is picked up here.
                requestRebuild();
                backoff = 500;
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running.get()) {
                    PGNotification[] notifications = postgres.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        requestRebuild();
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("UNLISTEN *");
                }
            } catch (SQLException e) {
                if (!running.get()) {
                    return;
                }
                LOG.fine(() -> "Configuration listener lost its connection: " + e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        listener.interrupt();
        listener.join(5000);
        rebuilds.shutdownNow();
        rebuilds.awaitTermination(5, TimeUnit.SECONDS);
    }
}
