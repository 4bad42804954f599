package io.gatehouse.store;

import io.gatehouse.plugin.GatewayPlugin;
import io.gatehouse.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every entity the Admin API serves: the core ones plus those the enabled plugins own. */
public final class EntityRegistry {

    private final Map<String, EntityType> byPath = new LinkedHashMap<>();
    private final Map<String, EntityType> byName = new LinkedHashMap<>();
    private final Map<String, EntityType> byTable = new LinkedHashMap<>();
    private final EntityType plugins;

    public EntityRegistry(PluginRegistry pluginRegistry) {
        plugins = PluginEntity.create(pluginRegistry);
        List<EntityType> all = new ArrayList<>(List.of(CoreEntities.SERVICES, CoreEntities.ROUTES, CoreEntities.CONSUMERS, LegacyApis.TYPE, plugins));
        for (GatewayPlugin<?> plugin : pluginRegistry.enabled()) {
            all.addAll(plugin.entities());
        }
        for (EntityType type : all) {
            byPath.put(type.path(), type);
            byName.put(type.name(), type);
            byTable.put(type.name(), type);
        }
    }

    public EntityType byPath(String path) {
        return byPath.get(path);
    }

    public EntityType byName(String name) {
        return byName.get(name);
    }

    /** Tables are named after Kong's DAO names. */
    public EntityType byTable(String table) {
        return byTable.get(table);
    }

    public EntityType plugins() {
        return plugins;
    }

    public Collection<EntityType> all() {
        return byPath.values();
    }

    /** The nested child of {@code parentPath} reachable as {@code /<parent>/{p}/<nestedPath>}. */
    public EntityType nested(String parentPath, String nestedPath) {
        for (EntityType type : byPath.values()) {
            if (nestedPath.equals(type.nested().get(parentPath))) {
                return type;
            }
        }
        return null;
    }
}
