package io.gatehouse.db;

import io.gatehouse.plugin.GatewayPlugin;
import java.util.Collection;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the core migrations from {@code sql/core}, then each plugin's own, each with a history
 * table of its own (as Kong keeps per-plugin migrations), so a new plugin never renumbers others.
 */
public final class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

    private Migrations() {
    }

    public static int up(DataSource dataSource, Collection<GatewayPlugin<?>> plugins, ClassLoader loader) {
        int applied = run(dataSource, "classpath:sql/core", "flyway_schema_history", loader);
        for (GatewayPlugin<?> plugin : plugins) {
            String table = "flyway_history_" + plugin.name().replace('-', '_');
            applied += run(dataSource, plugin.migrationLocation(), table, loader);
        }
        return applied;
    }

    private static int run(DataSource dataSource, String location, String historyTable, ClassLoader loader) {
        MigrateResult result = Flyway.configure(loader)
                .dataSource(dataSource)
                .locations(location)
                .table(historyTable)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .failOnMissingLocations(false)
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("Applied " + result.migrationsExecuted + " migration(s) from " + location);
        }
        return result.migrationsExecuted;
    }
}
