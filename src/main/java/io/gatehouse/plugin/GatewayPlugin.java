package io.gatehouse.plugin;

import io.gatehouse.snapshot.SnapshotSource;
import java.util.List;

/**
 * A bundled or third-party plugin, discovered with {@link java.util.ServiceLoader}.
 *
 * <p>One implementation per plugin package. Its config record is its schema: the
 * record's components (with {@link io.gatehouse.schema.Describe} annotations) drive
 * Admin API validation, {@code /schemas/plugins/{name}} and the console's forms.
 *
 * @param <C> the plugin's config record
 */
public interface GatewayPlugin<C extends Record> {

    /** Kong's plugin name, e.g. {@code key-auth}. */
    String name();

    /** Kong's PRIORITY: higher runs first. */
    int priority();

    default String version() {
        return io.gatehouse.core.Gatehouse.VERSION;
    }

    /** The config record; its components are the plugin's {@code config.*} fields. */
    Class<C> configType();

    /** The per-request behaviour. Handlers are stateless: config and exchange are passed in. */
    PluginHandler<C> handler();

    /** False for plugins that Kong declares {@code no_consumer} (auth plugins, acl, cors...). */
    default boolean allowsConsumerScope() {
        return true;
    }

    /** Kong's default {@code protocols} for instances of this plugin. */
    default List<String> defaultProtocols() {
        return List.of("grpc", "grpcs", "http", "https");
    }

    /** Credential or other entities this plugin owns; each gets its Admin API endpoints. */
    default List<io.gatehouse.store.EntityType> entities() {
        return List.of();
    }

    /**
     * Flyway location of this plugin's migrations, applied with a history table of its own
     * so plugins can be added without renumbering anyone else's migrations.
     */
    default String migrationLocation() {
        return "classpath:sql/plugins/" + name();
    }

    /**
     * Builds the plugin's part of the configuration snapshot (for example a credential index),
     * off the request path. Returns null when the plugin keeps nothing in memory.
     */
    default Object buildSnapshotPart(SnapshotSource source) {
        return null;
    }
}
