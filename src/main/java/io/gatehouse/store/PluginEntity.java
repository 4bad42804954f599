package io.gatehouse.store;

import io.gatehouse.plugin.GatewayPlugin;
import io.gatehouse.plugin.PluginRegistry;
import io.gatehouse.schema.Field;
import io.gatehouse.schema.FieldType;
import io.gatehouse.schema.RecordSchemas;
import io.gatehouse.schema.Rules;
import io.gatehouse.schema.Schema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code plugins} entity. Its {@code config} field takes the schema of the plugin named in
 * the entity, so the same validation, defaults and form coercion apply to every plugin.
 */
public final class PluginEntity {

    private PluginEntity() {
    }

    public static EntityType create(PluginRegistry registry) {
        Map<String, Schema> schemas = new ConcurrentHashMap<>();
        Schema base = schema(null, List.of("grpc", "grpcs", "http", "https"));
        EntityType.Hooks hooks = new EntityType.Hooks() {
            @Override
            public Schema schemaFor(Schema ignored, Map<String, Object> entity) {
                GatewayPlugin<?> plugin = registry.get(entity.get("name") instanceof String name ? name : null);
                return plugin == null ? base : schemas.computeIfAbsent(plugin.name(), name -> schemaOf(plugin));
            }

            @Override
            public DaoError checkFirst(Map<String, Object> entity) {
                Object name = entity.get("name");
                if (name instanceof String text && registry.get(text) == null) {
                    return DaoError.schemaViolation("name",
                            "plugin '" + text + "' not enabled; add it to the 'plugins' configuration property");
                }
                return null;
            }

            @Override
            public DaoError check(Map<String, Object> entity) {
                GatewayPlugin<?> plugin = registry.get((String) entity.get("name"));
                if (plugin != null && !plugin.allowsConsumerScope() && entity.get("consumer") != null) {
                    return DaoError.schemaViolation("consumer", "value must be null");
                }
                return null;
            }
        };
        return new EntityType("plugins", "plugins", "instance_name", base, PluginMapper.class,
                Map.of("services", "plugins", "routes", "plugins", "consumers", "plugins"), hooks);
    }

    /** The plugins schema with {@code config} typed by one plugin's config record. */
    public static Schema schemaOf(GatewayPlugin<?> plugin) {
        return schema(RecordSchemas.of(plugin.configType()), plugin.defaultProtocols());
    }

    private static Schema schema(Schema config, List<String> defaultProtocols) {
        return CoreEntities.base("plugins")
                .add(Field.string("name").required())
                .add(Field.string("instance_name").unique().validate(Rules.UTF8_NAME))
                .add(Field.foreign("route", "routes"))
                .add(Field.foreign("service", "services"))
                .add(Field.foreign("consumer", "consumers"))
                // Kong 0.13's api scope; absent from Kong 3's shape unless used.
                .add(Field.foreign("api", "apis").hiddenWhenNull())
                .add(config == null
                        ? Field.map("config", Field.element(FieldType.STRING)).validate(value -> null)
                        : Field.record("config", config).required())
                .add(Field.set("protocols", Field.element(FieldType.STRING)
                                .oneOf("grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp"))
                        .required().defaultValue(defaultProtocols))
                .add(Field.bool("enabled").required().defaultValue(true))
                .add(CoreEntities.tags());
    }
}
