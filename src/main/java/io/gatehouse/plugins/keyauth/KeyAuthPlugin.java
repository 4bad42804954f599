package io.gatehouse.plugins.keyauth;

import io.gatehouse.plugin.GatewayPlugin;
import io.gatehouse.plugin.PluginHandler;
import io.gatehouse.snapshot.SnapshotSource;
import io.gatehouse.store.EntityType;
import java.util.List;

/** Kong's key-auth: consumers present an API key in a header, the query string or the body. */
public final class KeyAuthPlugin implements GatewayPlugin<KeyAuthConfig> {

    static final String NAME = "key-auth";
    private final KeyAuthHandler handler = new KeyAuthHandler();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 1250;
    }

    @Override
    public Class<KeyAuthConfig> configType() {
        return KeyAuthConfig.class;
    }

    @Override
    public PluginHandler<KeyAuthConfig> handler() {
        return handler;
    }

    @Override
    public boolean allowsConsumerScope() {
        return false;
    }

    @Override
    public List<EntityType> entities() {
        return List.of(KeyAuthCredentials.TYPE);
    }

    @Override
    public Object buildSnapshotPart(SnapshotSource source) {
        return KeyIndex.build(source);
    }
}
