package io.gatehouse.cli;

import io.gatehouse.core.Setting;
import io.gatehouse.core.Settings;
import io.gatehouse.db.Database;
import io.gatehouse.plugin.PluginRegistry;

/**
 * Gatehouse's {@code kong migrations up}: applies pending migrations to the configured database
 * and exits, without starting the gateway. Settings come from system properties and the
 * environment, exactly as for the web application.
 *
 * <pre>java -cp 'WEB-INF/classes:WEB-INF/lib/*' io.gatehouse.cli.Migrations up</pre>
 */
public final class Migrations {

    private Migrations() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "up" : args[0];
        if (!command.equals("up")) {
            System.err.println("usage: io.gatehouse.cli.Migrations up");
            System.exit(2);
        }
        System.exit(up(Settings.fromSystem()) >= 0 ? 0 : 1);
    }

    /** Applies what is pending; returns the number of migrations executed. */
    public static int up(Settings settings) throws Exception {
        ClassLoader loader = Migrations.class.getClassLoader();
        PluginRegistry plugins = PluginRegistry.load(loader, settings.getList(Setting.PLUGINS));
        try (Database database = Database.open(settings)) {
            int applied = io.gatehouse.db.Migrations.up(database.unpooledDataSource(), plugins.available(), loader);
            System.out.println(applied == 0
                    ? "Database is up to date (" + database.description() + ")"
                    : "Applied " + applied + " migration(s) to " + database.description());
            return applied;
        }
    }
}
