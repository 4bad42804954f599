package io.gatehouse.proxy;

import io.gatehouse.model.PluginInstance;
import io.gatehouse.plugin.GatewayPlugin;
import java.util.List;
import java.util.UUID;

/**
 * The plugins that may run for one route (or one legacy API, or no route), in execution order,
 * each with its candidate configurations from most to least specific. Which candidate applies
 * is decided when the plugin is about to run, because it depends on the consumer authenticated
 * so far (Kong §4.1).
 */
final class PluginPlan {

    /** One plugin and its configurations, most specific first. */
    record Step(GatewayPlugin<?> plugin, List<PluginInstance> candidates) {

        /** The configuration that applies for this consumer and protocol, or null. */
        PluginInstance resolve(UUID consumerId, String protocol) {
            for (PluginInstance instance : candidates) {
                if (instance.consumerId() != null && !instance.consumerId().equals(consumerId)) {
                    continue;
                }
                List<String> protocols = instance.protocols();
                if (protocols != null && !protocols.isEmpty() && !protocols.contains(protocol)) {
                    continue;
                }
                return instance;
            }
            return null;
        }
    }

    static final PluginPlan EMPTY = new PluginPlan(List.of(), false);

    private final List<Step> steps;
    private final boolean needsRequestBody;

    PluginPlan(List<Step> steps, boolean needsRequestBody) {
        this.steps = steps;
        this.needsRequestBody = needsRequestBody;
    }

    List<Step> steps() {
        return steps;
    }

    /** True when some candidate's handler asked for the whole request body. */
    boolean needsRequestBody() {
        return needsRequestBody;
    }

    /**
     * Kong's precedence, most specific first: route+service+consumer, route+consumer,
     * service+consumer, api+consumer, route+service, consumer, route, service, api, global.
     * The api ranks only exist for the 0.13 entity and sit where 0.13 put them.
     */
    static int specificity(PluginInstance p) {
        boolean r = p.routeId() != null;
        boolean s = p.serviceId() != null;
        boolean c = p.consumerId() != null;
        boolean a = p.apiId() != null;
        if (r && s && c) {
            return 1;
        }
        if (r && c) {
            return 2;
        }
        if (s && c) {
            return 3;
        }
        if (a && c) {
            return 4;
        }
        if (r && s) {
            return 5;
        }
        if (c) {
            return 6;
        }
        if (r) {
            return 7;
        }
        if (s) {
            return 8;
        }
        if (a) {
            return 9;
        }
        return 10;
    }
}
