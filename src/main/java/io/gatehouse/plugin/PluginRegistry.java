package io.gatehouse.plugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.logging.Logger;

/** The plugins found on the class path, and which of them the {@code plugins} setting enables. */
public final class PluginRegistry {

    private static final Logger LOG = Logger.getLogger(PluginRegistry.class.getName());

    private final Map<String, GatewayPlugin<?>> available;
    private final Map<String, GatewayPlugin<?>> enabled;

    public PluginRegistry(Collection<GatewayPlugin<?>> plugins, List<String> enabledNames) {
        Map<String, GatewayPlugin<?>> byName = new LinkedHashMap<>();
        plugins.stream()
                .sorted(Comparator.comparing(GatewayPlugin::name))
                .forEach(plugin -> byName.put(plugin.name(), plugin));
        this.available = Map.copyOf(byName);
        Map<String, GatewayPlugin<?>> on = new LinkedHashMap<>();
        boolean bundled = enabledNames.isEmpty() || enabledNames.contains("bundled");
        for (GatewayPlugin<?> plugin : byName.values()) {
            if (bundled || enabledNames.contains(plugin.name())) {
                on.put(plugin.name(), plugin);
            }
        }
        for (String name : enabledNames) {
            if (!name.equals("bundled") && !byName.containsKey(name)) {
                LOG.warning("plugin '" + name + "' is listed in the plugins setting but is not installed");
            }
        }
        this.enabled = on;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static PluginRegistry load(ClassLoader loader, List<String> enabledNames) {
        List<GatewayPlugin<?>> found = new ArrayList<>();
        for (GatewayPlugin plugin : ServiceLoader.load(GatewayPlugin.class, loader)) {
            found.add(plugin);
        }
        return new PluginRegistry(found, enabledNames);
    }

    /** Installed plugins, sorted by name. */
    public Collection<GatewayPlugin<?>> available() {
        return available.values();
    }

    /** Enabled plugins, sorted by name. */
    public Collection<GatewayPlugin<?>> enabled() {
        return enabled.values();
    }

    /** The enabled plugin with this name, or null. */
    public GatewayPlugin<?> get(String name) {
        return name == null ? null : enabled.get(name);
    }
}
