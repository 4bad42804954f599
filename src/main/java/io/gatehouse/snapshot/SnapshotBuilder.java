package io.gatehouse.snapshot;

import io.gatehouse.model.Api;
import io.gatehouse.model.Consumer;
import io.gatehouse.model.PluginInstance;
import io.gatehouse.model.Route;
import io.gatehouse.model.Service;
import io.gatehouse.plugin.GatewayPlugin;
import io.gatehouse.plugin.PluginRegistry;
import io.gatehouse.schema.RecordSchemas;
import io.gatehouse.store.ConfigVersionMapper;
import io.gatehouse.store.CoreEntities;
import io.gatehouse.store.EntityStore;
import io.gatehouse.store.EntityType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.TransactionIsolationLevel;

/**
 * Reads the whole configuration in one repeatable-read transaction and turns it into a typed,
 * immutable {@link ConfigSnapshot}. Runs off the request threads.
 */
public final class SnapshotBuilder {

    private static final Logger LOG = Logger.getLogger(SnapshotBuilder.class.getName());

    private final EntityStore store;
    private final PluginRegistry plugins;

    public SnapshotBuilder(EntityStore store, PluginRegistry plugins) {
        this.store = store;
        this.plugins = plugins;
    }

    public ConfigSnapshot build() {
        try (SqlSession session = store.sessions().openSession(TransactionIsolationLevel.REPEATABLE_READ)) {
            long version = session.getMapper(ConfigVersionMapper.class).current();
            List<Service> services = new ArrayList<>();
            Map<UUID, Service> servicesById = new HashMap<>();
            for (Map<String, Object> row : store.all(session, CoreEntities.SERVICES)) {
                Service service = Rows.service(row);
                services.add(service);
                servicesById.put(service.id(), service);
            }
            List<Route> routes = store.all(session, CoreEntities.ROUTES).stream().map(Rows::route).toList();
            Map<UUID, Consumer> consumersById = new HashMap<>();
            Map<String, Consumer> consumersByUsername = new HashMap<>();
            for (Map<String, Object> row : store.all(session, CoreEntities.CONSUMERS)) {
                Consumer consumer = Rows.consumer(row);
                consumersById.put(consumer.id(), consumer);
                if (consumer.username() != null) {
                    consumersByUsername.put(consumer.username(), consumer);
                }
            }
            List<Api> apis = apis(session);
            List<PluginInstance> instances = new ArrayList<>();
            for (Map<String, Object> row : store.all(session, store.registry().plugins())) {
                PluginInstance instance = pluginInstance(row);
                if (instance != null) {
                    instances.add(instance);
                }
            }
            Map<String, Object> parts = new LinkedHashMap<>();
            SnapshotSource source = type -> store.all(session, type);
            for (GatewayPlugin<?> plugin : plugins.enabled()) {
                Object part = plugin.buildSnapshotPart(source);
                if (part != null) {
                    parts.put(plugin.name(), part);
                }
            }
            session.commit();
            return new ConfigSnapshot(version, List.copyOf(services), Map.copyOf(servicesById), routes, apis,
                    Map.copyOf(consumersById), Map.copyOf(consumersByUsername), List.copyOf(instances), Map.copyOf(parts));
        }
    }

    private List<Api> apis(SqlSession session) {
        EntityType apis = store.registry().byName("apis");
        return apis == null ? List.of() : store.all(session, apis).stream().map(Rows::api).toList();
    }

    private PluginInstance pluginInstance(Map<String, Object> row) {
        String name = (String) row.get("name");
        GatewayPlugin<?> plugin = plugins.get(name);
        if (plugin == null) {
            // Stored by a node with more plugins enabled; this node cannot run it.
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> rawConfig = (Map<String, Object>) row.get("config");
        Object config;
        try {
            config = RecordSchemas.toRecord(rawConfig, plugin.configType());
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "Skipping plugin " + row.get("id") + ": its stored config does not fit " + name, e);
            return null;
        }
        return Rows.plugin(row, config, rawConfig);
    }
}
