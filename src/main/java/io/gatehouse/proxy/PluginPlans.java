package io.gatehouse.proxy;

import io.gatehouse.model.PluginInstance;
import io.gatehouse.plugin.GatewayPlugin;
import io.gatehouse.plugin.PluginRegistry;
import io.gatehouse.snapshot.ConfigSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plugin plans of one snapshot. Instances are indexed by route, service and API, so a route's
 * plan only looks at the instances that can concern it; plans are built once per route and
 * reused until the next snapshot.
 */
final class PluginPlans {

    private record Key(UUID routeId, UUID serviceId, UUID apiId) {
    }

    private final PluginRegistry registry;
    private final Map<UUID, List<PluginInstance>> byRoute = new HashMap<>();
    private final Map<UUID, List<PluginInstance>> byService = new HashMap<>();
    private final Map<UUID, List<PluginInstance>> byApi = new HashMap<>();
    /** Global and consumer-only instances: they apply to every route. */
    private final List<PluginInstance> unscoped = new ArrayList<>();
    private final Map<Key, PluginPlan> plans = new ConcurrentHashMap<>();
    private final PluginPlan global;
    private final PluginPlan rewrite;

    PluginPlans(ConfigSnapshot snapshot, PluginRegistry registry) {
        this.registry = registry;
        for (PluginInstance instance : snapshot.plugins()) {
            if (!instance.enabled() || registry.get(instance.name()) == null) {
                continue;
            }
            if (instance.routeId() != null) {
                byRoute.computeIfAbsent(instance.routeId(), k -> new ArrayList<>()).add(instance);
            } else if (instance.serviceId() != null) {
                byService.computeIfAbsent(instance.serviceId(), k -> new ArrayList<>()).add(instance);
            } else if (instance.apiId() != null) {
                byApi.computeIfAbsent(instance.apiId(), k -> new ArrayList<>()).add(instance);
            } else {
                unscoped.add(instance);
            }
        }
        List<PluginInstance> globals = unscoped.stream().filter(p -> p.consumerId() == null).toList();
        global = build(globals);
        rewrite = global;
    }

    /** Plugins for a request that matched no route: global ones only (Kong §4.1). */
    PluginPlan global() {
        return global;
    }

    /** The rewrite phase runs before routing, so only global configurations can apply. */
    PluginPlan rewrite() {
        return rewrite;
    }

    PluginPlan forMatch(RouteMatch match) {
        UUID routeId = match.route() != null ? match.route().id() : null;
        UUID serviceId = match.service() != null ? match.service().id() : null;
        UUID apiId = match.api() != null ? match.api().id() : null;
        return plans.computeIfAbsent(new Key(routeId, serviceId, apiId), this::plan);
    }

    private PluginPlan plan(Key key) {
        List<PluginInstance> applicable = new ArrayList<>(unscoped);
        if (key.routeId() != null) {
            for (PluginInstance p : byRoute.getOrDefault(key.routeId(), List.of())) {
                if (p.serviceId() == null || Objects.equals(p.serviceId(), key.serviceId())) {
                    applicable.add(p);
                }
            }
        }
        if (key.serviceId() != null) {
            applicable.addAll(byService.getOrDefault(key.serviceId(), List.of()));
        }
        if (key.apiId() != null) {
            applicable.addAll(byApi.getOrDefault(key.apiId(), List.of()));
        }
        return build(applicable);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private PluginPlan build(List<PluginInstance> instances) {
        Map<String, List<PluginInstance>> byName = new LinkedHashMap<>();
        for (PluginInstance instance : instances) {
            byName.computeIfAbsent(instance.name(), k -> new ArrayList<>()).add(instance);
        }
        List<PluginPlan.Step> steps = new ArrayList<>();
        boolean needsBody = false;
        for (Map.Entry<String, List<PluginInstance>> entry : byName.entrySet()) {
            GatewayPlugin plugin = registry.get(entry.getKey());
            List<PluginInstance> candidates = new ArrayList<>(entry.getValue());
            candidates.sort(Comparator.comparingInt(PluginPlan::specificity).thenComparingLong(PluginInstance::createdAt));
            for (PluginInstance candidate : candidates) {
                try {
                    needsBody |= plugin.handler().needsRequestBody(candidate.config());
                } catch (RuntimeException e) {
                    // A plugin that cannot tell is treated as not needing the body.
                }
            }
            steps.add(new PluginPlan.Step(plugin, List.copyOf(candidates)));
        }
        steps.sort(Comparator.comparingInt((PluginPlan.Step s) -> s.plugin().priority()).reversed()
                .thenComparing(s -> s.plugin().name()));
        return steps.isEmpty() ? PluginPlan.EMPTY : new PluginPlan(List.copyOf(steps), needsBody);
    }
}
