package io.gatehouse.db;

import io.gatehouse.core.Setting;
import io.gatehouse.core.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.apache.ibatis.datasource.unpooled.UnpooledDataSource;

/**
 * The configuration database: an external PostgreSQL when {@code database.url} is set,
 * otherwise the embedded one. Hands out a pooled {@link DataSource}.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    private final EmbeddedDatabase embedded;
    private final PooledDataSource pool;
    private final UnpooledDataSource direct;
    private final String description;

    private Database(EmbeddedDatabase embedded, PooledDataSource pool, UnpooledDataSource direct, String description) {
        this.embedded = embedded;
        this.pool = pool;
        this.direct = direct;
        this.description = description;
    }

    public static Database open(Settings settings) throws IOException {
        String url = settings.get(Setting.DATABASE_URL);
        EmbeddedDatabase embedded = null;
        String user = settings.get(Setting.DATABASE_USER);
        String password = settings.get(Setting.DATABASE_PASSWORD);
        if (url.isBlank()) {
            String dataDir = settings.get(Setting.EMBEDDED_DATA_DIR);
            Path dataDirectory = dataDir.isBlank()
                    ? Path.of(settings.get(Setting.HOME), "pgdata")
                    : Path.of(dataDir);
            embedded = EmbeddedDatabase.start(dataDirectory.toAbsolutePath(), settings.getInt(Setting.EMBEDDED_PORT));
            url = embedded.jdbcUrl();
            user = "postgres";
            password = "";
        }
        PooledDataSource pool = new PooledDataSource("org.postgresql.Driver", url, user, password);
        pool.setPoolMaximumActiveConnections(settings.getInt(Setting.DATABASE_POOL_SIZE));
        pool.setPoolMaximumIdleConnections(settings.getInt(Setting.DATABASE_POOL_SIZE));
        pool.setPoolPingEnabled(true);
        pool.setPoolPingQuery("SELECT 1");
        pool.setPoolPingConnectionsNotUsedFor(30_000);
        pool.setDefaultNetworkTimeout(30_000);
        String description = embedded != null ? "embedded PostgreSQL (" + url + ")" : "external PostgreSQL (" + url + ")";
        LOG.info("Using " + description);
        return new Database(embedded, pool, new UnpooledDataSource("org.postgresql.Driver", url, user, password), description);
    }

    public DataSource dataSource() {
        return pool;
    }

    /**
     * Plain connections for Flyway, which manages and closes its own connections in ways the
     * pool would log as errors.
     */
    public DataSource unpooledDataSource() {
        return direct;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public String description() {
        return description;
    }

    /** True when a trivial query succeeds now; used by {@code /status}. */
    public boolean reachable() {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        pool.forceCloseAll();
        if (embedded != null) {
            embedded.close();
        }
    }
}
