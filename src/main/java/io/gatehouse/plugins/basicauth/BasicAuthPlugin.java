package io.gatehouse.plugins.basicauth;

import io.gatehouse.plugin.GatewayPlugin;
import io.gatehouse.plugin.PluginHandler;
import io.gatehouse.snapshot.SnapshotSource;
import io.gatehouse.store.EntityType;
import java.util.List;

/** Kong's basic-auth: consumers authenticate with a username and password. */
public final class BasicAuthPlugin implements GatewayPlugin<BasicAuthConfig> {

    static final String NAME = "basic-auth";
    private final BasicAuthHandler handler = new BasicAuthHandler();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 1100;
    }

    @Override
    public Class<BasicAuthConfig> configType() {
        return BasicAuthConfig.class;
    }

    @Override
    public PluginHandler<BasicAuthConfig> handler() {
        return handler;
    }

    @Override
    public boolean allowsConsumerScope() {
        return false;
    }

    @Override
    public List<EntityType> entities() {
        return List.of(BasicAuthCredentials.TYPE);
    }

    @Override
    public Object buildSnapshotPart(SnapshotSource source) {
        return CredentialIndex.build(source);
    }
}
