package io.gatehouse.proxy;

import static io.gatehouse.proxy.Fixtures.plugin;
import static io.gatehouse.proxy.Fixtures.route;
import static io.gatehouse.proxy.Fixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gatehouse.model.PluginInstance;
import io.gatehouse.model.Route;
import io.gatehouse.model.Service;
import io.gatehouse.plugin.GatewayPlugin;
import io.gatehouse.plugin.PluginHandler;
import io.gatehouse.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Kong's scoping precedence (§4.1) and phase order. */
class PluginPlanTest {

    record Config(String label) {
    }

    private static GatewayPlugin<Config> gatewayPlugin(String name, int priority) {
        return new GatewayPlugin<>() {
            public String name() {
                return name;
            }

            public int priority() {
                return priority;
            }

            public Class<Config> configType() {
                return Config.class;
            }

            public PluginHandler<Config> handler() {
                return new PluginHandler<>() {
                };
            }
        };
    }

    private final Service svc = service("svc");
    private final Route rt = route("rt").paths("/").service(svc).build();
    private final UUID alice = UUID.randomUUID();
    private final PluginRegistry registry = new PluginRegistry(List.of(gatewayPlugin("rate-limiting", 910), gatewayPlugin("key-auth", 1250),
            gatewayPlugin("http-log", 12)), List.of());

    private PluginPlan plan(List<PluginInstance> instances) {
        PluginPlans plans = new PluginPlans(Fixtures.snapshot(List.of(svc), List.of(rt), List.of(), instances), registry);
        return plans.forMatch(new RouteMatch(rt, svc, null, "/", java.util.Map.of()));
    }

    private static String chosen(PluginPlan plan, UUID consumer) {
        PluginInstance instance = plan.steps().get(0).resolve(consumer, "http");
        return instance == null ? null : ((Config) instance.config()).label();
    }

    @Test
    void mostSpecificConfigurationWinsInKongOrder() {
        UUID r = rt.id();
        UUID s = svc.id();
        List<PluginInstance> all = new ArrayList<>(List.of(
                plugin("rate-limiting", null, null, null, new Config("global")),
                plugin("rate-limiting", null, s, null, new Config("service")),
                plugin("rate-limiting", r, null, null, new Config("route")),
                plugin("rate-limiting", null, null, alice, new Config("consumer")),
                plugin("rate-limiting", r, s, null, new Config("route+service")),
                plugin("rate-limiting", null, s, alice, new Config("service+consumer")),
                plugin("rate-limiting", r, null, alice, new Config("route+consumer")),
                plugin("rate-limiting", r, s, alice, new Config("route+service+consumer"))));
        List<String> expected = List.of("route+service+consumer", "route+consumer", "service+consumer", "route+service",
                "consumer", "route", "service", "global");
        for (String label : expected) {
            assertEquals(label, chosen(plan(all), alice));
            all.removeIf(p -> ((Config) p.config()).label().equals(label));
        }
    }

    @Test
    void consumerScopedConfigurationsNeedThatConsumer() {
        List<PluginInstance> all = List.of(
                plugin("rate-limiting", rt.id(), null, null, new Config("route")),
                plugin("rate-limiting", null, null, alice, new Config("consumer")));
        assertEquals("route", chosen(plan(all), null));
        assertEquals("route", chosen(plan(all), UUID.randomUUID()));
        assertEquals("consumer", chosen(plan(all), alice));
    }

    @Test
    void otherRoutesAndServicesConfigurationsDoNotApply() {
        List<PluginInstance> all = List.of(
                plugin("rate-limiting", UUID.randomUUID(), null, null, new Config("other route")),
                plugin("rate-limiting", null, UUID.randomUUID(), null, new Config("other service")));
        assertEquals(List.of(), plan(all).steps());
    }

    @Test
    void disabledAndWrongProtocolConfigurationsAreIgnored() {
        PluginInstance off = new PluginInstance(UUID.randomUUID(), "rate-limiting", null, rt.id(), null, null, null,
                new Config("off"), java.util.Map.of(), List.of(), false, List.of(), 0);
        PluginInstance httpsOnly = new PluginInstance(UUID.randomUUID(), "rate-limiting", null, null, svc.id(), null, null,
                new Config("https"), java.util.Map.of(), List.of("https"), true, List.of(), 0);
        PluginPlan plan = plan(List.of(off, httpsOnly));
        assertNull(chosen(plan, null));
        assertEquals("https", plan.steps().get(0).resolve(null, "https").config() instanceof Config c ? c.label() : null);
    }

    @Test
    void pluginsRunInDescendingPriority() {
        PluginPlan plan = plan(List.of(
                plugin("http-log", null, null, null, new Config("a")),
                plugin("rate-limiting", null, null, null, new Config("b")),
                plugin("key-auth", rt.id(), null, null, new Config("c"))));
        assertEquals(List.of("key-auth", "rate-limiting", "http-log"),
                plan.steps().stream().map(s -> s.plugin().name()).toList());
    }

    @Test
    void rewriteAndNoRouteUseGlobalConfigurationsOnly() {
        PluginPlans plans = new PluginPlans(Fixtures.snapshot(List.of(svc), List.of(rt), List.of(), List.of(
                plugin("http-log", null, null, null, new Config("global")),
                plugin("rate-limiting", null, null, alice, new Config("consumer")),
                plugin("key-auth", rt.id(), null, null, new Config("route")))), registry);
        assertEquals(List.of("http-log"), plans.global().steps().stream().map(s -> s.plugin().name()).toList());
        assertEquals(List.of("http-log"), plans.rewrite().steps().stream().map(s -> s.plugin().name()).toList());
    }
}
