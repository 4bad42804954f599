package io.gatehouse.model;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One configured plugin. {@code config} is the typed config record of the plugin
 * (already validated and defaulted); {@code rawConfig} is the JSON form as stored.
 */
public record PluginInstance(
        UUID id,
        String name,
        String instanceName,
        UUID routeId,
        UUID serviceId,
        UUID consumerId,
        UUID apiId,
        Object config,
        Map<String, Object> rawConfig,
        List<String> protocols,
        boolean enabled,
        List<String> tags,
        long createdAt) {
}
