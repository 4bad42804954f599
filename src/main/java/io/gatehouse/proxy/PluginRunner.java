package io.gatehouse.proxy;

import io.gatehouse.model.PluginInstance;
import io.gatehouse.plugin.GatewayPlugin;
import io.gatehouse.plugin.PluginHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the plugin phases of one request. A plugin that throws ends the request with a 500,
 * as an error in a Kong handler does; the exception is logged, never shown to the client.
 */
final class PluginRunner {

    private static final Logger LOG = Logger.getLogger(PluginRunner.class.getName());

    /** A plugin with the configuration chosen for this request. */
    record Resolved(GatewayPlugin<?> plugin, PluginInstance instance) {
    }

    private final ProxyExchange exchange;
    private final String protocol;
    private final List<Resolved> resolved = new ArrayList<>();
    /** Set when a plugin failed; the engine then answers 500. */
    private boolean failed;
    /** Computed once the access phase has chosen the configurations. */
    private Boolean filtersBody;

    PluginRunner(ProxyExchange exchange, String protocol) {
        this.exchange = exchange;
        this.protocol = protocol;
    }

    boolean failed() {
        return failed;
    }

    List<Resolved> resolved() {
        return resolved;
    }

    void rewrite(PluginPlan plan) {
        for (PluginPlan.Step step : plan.steps()) {
            PluginInstance instance = step.resolve(null, protocol);
            if (instance != null && !run(step.plugin(), instance, Phase.REWRITE)) {
                return;
            }
            if (exchange.exited()) {
                return;
            }
        }
    }

    /**
     * Access in priority order. Each configuration is chosen just before its plugin runs, so
     * consumer-scoped ones apply once an earlier auth plugin has set the consumer.
     */
    void access(PluginPlan plan) {
        boolean stopped = false;
        for (PluginPlan.Step step : plan.steps()) {
            UUID consumerId = exchange.consumer().map(c -> c.id()).orElse(null);
            PluginInstance instance = step.resolve(consumerId, protocol);
            if (instance == null) {
                continue;
            }
            resolved.add(new Resolved(step.plugin(), instance));
            if (!stopped) {
                stopped = !run(step.plugin(), instance, Phase.ACCESS) || exchange.exited();
            }
        }
    }

    /** For a request that never reached access (no route): global configurations only. */
    void resolveOnly(PluginPlan plan) {
        for (PluginPlan.Step step : plan.steps()) {
            PluginInstance instance = step.resolve(null, protocol);
            if (instance != null) {
                resolved.add(new Resolved(step.plugin(), instance));
            }
        }
    }

    void headerFilter() {
        for (Resolved r : resolved) {
            run(r.plugin(), r.instance(), Phase.HEADER_FILTER);
        }
    }

    /** True when a plugin of this request must see the response body (Kong's body_filter). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    boolean filtersBody() {
        if (filtersBody == null) {
            boolean any = false;
            for (Resolved r : resolved) {
                PluginHandler handler = r.plugin().handler();
                any |= handler.filtersBody(r.instance().config());
            }
            filtersBody = any;
        }
        return filtersBody;
    }

    /**
     * Passes one response chunk through every body_filter in priority order. A plugin that
     * throws is logged and skipped: the response is already under way and cannot become a 500.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    byte[] bodyFilter(byte[] chunk, boolean last) {
        byte[] current = chunk;
        for (Resolved r : resolved) {
            PluginHandler handler = r.plugin().handler();
            Object config = r.instance().config();
            if (!handler.filtersBody(config)) {
                continue;
            }
            try {
                byte[] filtered = (byte[]) handler.bodyFilter(config, exchange, current, last);
                current = filtered == null ? new byte[0] : filtered;
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "plugin " + r.plugin().name() + " failed in BODY_FILTER", e);
            }
        }
        return current;
    }

    /** Whether a handler class implements the log phase itself, rather than inheriting the no-op. */
    private static final ClassValue<Boolean> IMPLEMENTS_LOG = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> handlerType) {
            try {
                return handlerType.getMethod("log", Object.class, io.gatehouse.plugin.Exchange.class).getDeclaringClass()
                        != PluginHandler.class;
            } catch (NoSuchMethodException e) {
                return true;
            }
        }
    };

    /** True when a plugin of this request has a log phase to run. */
    boolean hasLogPhase() {
        for (Resolved r : resolved) {
            if (IMPLEMENTS_LOG.get(r.plugin().handler().getClass())) {
                return true;
            }
        }
        return false;
    }

    void log() {
        for (Resolved r : resolved) {
            run(r.plugin(), r.instance(), Phase.LOG);
        }
    }

    private enum Phase { REWRITE, ACCESS, HEADER_FILTER, LOG }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean run(GatewayPlugin<?> plugin, PluginInstance instance, Phase phase) {
        PluginHandler handler = plugin.handler();
        Object config = instance.config();
        try {
            switch (phase) {
                case REWRITE -> handler.rewrite(config, exchange);
                case ACCESS -> handler.access(config, exchange);
                case HEADER_FILTER -> handler.headerFilter(config, exchange);
                case LOG -> handler.log(config, exchange);
            }
            return true;
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "plugin " + plugin.name() + " failed in " + phase, e);
            if (phase == Phase.REWRITE || phase == Phase.ACCESS) {
                failed = true;
                exchange.exit(500, java.util.Map.of("message", "An unexpected error occurred"));
            }
            return false;
        }
    }
}
