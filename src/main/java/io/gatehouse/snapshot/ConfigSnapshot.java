package io.gatehouse.snapshot;

import io.gatehouse.model.Api;
import io.gatehouse.model.Consumer;
import io.gatehouse.model.PluginInstance;
import io.gatehouse.model.Route;
import io.gatehouse.model.Service;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole gateway configuration at one version, immutable. Requests read it through
 * {@link SnapshotHolder#current()} and never touch the database.
 *
 * @param parts what plugins keep in memory (credential indexes...), keyed by plugin name
 */
public record ConfigSnapshot(
        long version,
        List<Service> services,
        Map<UUID, Service> servicesById,
        List<Route> routes,
        List<Api> apis,
        Map<UUID, Consumer> consumersById,
        Map<String, Consumer> consumersByUsername,
        List<PluginInstance> plugins,
        Map<String, Object> parts) {

    public static ConfigSnapshot empty() {
        return new ConfigSnapshot(0, List.of(), Map.of(), List.of(), List.of(), Map.of(), Map.of(), List.of(), Map.of());
    }

    /** A plugin's own part, as built by its {@code buildSnapshotPart}. */
    @SuppressWarnings("unchecked")
    public <T> T part(String pluginName, Class<T> type) {
        Object part = parts.get(pluginName);
        return type.isInstance(part) ? (T) part : null;
    }

    /** Looks a consumer up by id or username, as the Admin API's endpoint key does. */
    public Consumer consumer(String idOrUsername) {
        try {
            return consumersById.get(UUID.fromString(idOrUsername));
        } catch (IllegalArgumentException notUuid) {
            return consumersByUsername.get(idOrUsername);
        }
    }
}
