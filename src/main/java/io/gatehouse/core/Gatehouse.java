package io.gatehouse.core;

import io.gatehouse.db.Database;
import io.gatehouse.db.Migrations;
import io.gatehouse.demo.DemoPlatform;
import io.gatehouse.plugin.PluginRegistry;
import io.gatehouse.proxy.ProxyEngine;
import io.gatehouse.snapshot.ConfigWatcher;
import io.gatehouse.snapshot.SnapshotBuilder;
import io.gatehouse.snapshot.SnapshotHolder;
import io.gatehouse.store.EntityRegistry;
import io.gatehouse.store.EntityStore;
import io.gatehouse.store.Persistence;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The running gateway: settings, database, plugins, the configuration snapshot and the proxy.
 * One instance per web application, created at start-up and closed in reverse order.
 */
public final class Gatehouse implements AutoCloseable {

    public static final String VERSION = "0.1.0";
    public static final String PRODUCT = "gatehouse/" + VERSION;
    private static final String ATTRIBUTE = Gatehouse.class.getName();
    private static final Logger LOG = Logger.getLogger(Gatehouse.class.getName());

    private final Settings settings;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private Database database;
    private PluginRegistry plugins;
    private SnapshotHolder snapshots;
    private EntityStore entityStore;
    private ConfigWatcher watcher;
    private ProxyEngine proxy;
    private final Counters counters = new Counters();
    private final java.util.UUID nodeId = java.util.UUID.randomUUID();

    private Gatehouse(Settings settings) {
        this.settings = settings;
    }

    public static Gatehouse start(Settings settings, ClassLoader loader) throws Exception {
        Gatehouse gatehouse = new Gatehouse(settings);
        try {
            gatehouse.boot(loader);
            return gatehouse;
        } catch (Exception | Error e) {
            gatehouse.close();
            throw e;
        }
    }

    private void boot(ClassLoader loader) throws Exception {
        plugins = PluginRegistry.load(loader, settings.getList(Setting.PLUGINS));
        database = track(Database.open(settings));
        if (settings.getBoolean(Setting.MIGRATE)) {
            Migrations.up(database.unpooledDataSource(), plugins.available(), loader);
        }
        EntityRegistry entities = new EntityRegistry(plugins);
        entityStore = new EntityStore(Persistence.sessions(database.dataSource(), entities), entities);
        snapshots = new SnapshotHolder();
        proxy = track(new ProxyEngine(settings, snapshots, plugins));
        watcher = track(new ConfigWatcher(database.dataSource(), new SnapshotBuilder(entityStore, plugins),
                snapshots, settings.getLong(Setting.POLL_INTERVAL_MS)));
        watcher.start();
        if (settings.getBoolean(Setting.DEMO)) {
            track(DemoPlatform.start(settings));
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    public static Gatehouse from(ServletContext context) {
        return (Gatehouse) context.getAttribute(ATTRIBUTE);
    }

    public void attach(ServletContext context) {
        context.setAttribute(ATTRIBUTE, this);
    }

    public Settings settings() {
        return settings;
    }

    public Database database() {
        return database;
    }

    public PluginRegistry plugins() {
        return plugins;
    }

    public SnapshotHolder snapshots() {
        return snapshots;
    }

    public EntityStore entityStore() {
        return entityStore;
    }

    public Counters counters() {
        return counters;
    }

    public java.util.UUID nodeId() {
        return nodeId;
    }

    public ProxyEngine proxy() {
        return proxy;
    }

    @Override
    public void close() {
        List<AutoCloseable> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Error while stopping " + resource.getClass().getSimpleName(), e);
            }
        }
        resources.clear();
    }
}
