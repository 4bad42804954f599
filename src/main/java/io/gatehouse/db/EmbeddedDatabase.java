package io.gatehouse.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A real PostgreSQL started from the binaries shipped on Maven Central, keeping its data in a
 * persistent directory so that the configuration survives restarts.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        stopOrphan(dataDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory.toFile())
                .setCleanDataDirectory(false)
                // Tomcat's shutdown closes us in contextDestroyed; a JVM hook of our own would race it.
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // zonky tunes PostgreSQL for throwaway test databases (no fsync, asynchronous
                // commit); this one holds the gateway's configuration, so make commits durable.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on");
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        LOG.info("Embedded PostgreSQL started on port " + postgres.getPort() + " with data in " + dataDirectory);
        return new EmbeddedDatabase(postgres);
    }

    DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /**
     * A Tomcat that was killed leaves its postgres running (pg_ctl daemonises it) and the next
     * start would fail on the lock file, so stop a leftover server for this directory first.
     */
    private static void stopOrphan(Path dataDirectory) {
        File pid = dataDirectory.resolve("postmaster.pid").toFile();
        if (!pid.exists()) {
            return;
        }
        try {
            long serverPid = Long.parseLong(Files.readAllLines(pid.toPath()).get(0).trim());
            ProcessHandle.of(serverPid).ifPresentOrElse(process -> {
                LOG.warning("Stopping a PostgreSQL left running from an earlier start (pid " + serverPid + ")");
                process.destroy();
                process.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
            }, () -> pid.delete());
        } catch (IOException | RuntimeException e) {
            LOG.warning("Could not check " + pid + ": " + e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
