package io.gatehouse.it.probe;

import io.gatehouse.plugin.GatewayPlugin;
import io.gatehouse.plugin.PluginHandler;

/**
 * A test-only plugin that exercises every phase of the plugin SPI and reports what it saw: the
 * tests deploy it next to the bundled plugins, as a third-party plugin jar would be.
 */
public final class ProbePlugin implements GatewayPlugin<ProbeConfig> {

    public static final String NAME = "exchange-probe";
    private final ProbeHandler handler = new ProbeHandler();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        // Below the auth plugins (key-auth is 1250), so the consumer is known in access.
        return 11;
    }

    @Override
    public Class<ProbeConfig> configType() {
        return ProbeConfig.class;
    }

    @Override
    public PluginHandler<ProbeConfig> handler() {
        return handler;
    }
}
