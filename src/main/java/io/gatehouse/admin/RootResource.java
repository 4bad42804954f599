package io.gatehouse.admin;

import io.gatehouse.core.Gatehouse;
import io.gatehouse.core.Setting;
import io.gatehouse.plugin.GatewayPlugin;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /} (node information) and {@code GET /status} (health and counters). */
@Path("/")
public final class RootResource {

    @Context
    private ServletContext servletContext;

    @GET
    public Response node() {
        Gatehouse gatehouse = Gatehouse.from(servletContext);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tagline", "Welcome to kong");
        body.put("version", gatehouse.settings().get(Setting.KONG_VERSION));
        body.put("edition", "community");
        body.put("gatehouse_version", Gatehouse.VERSION);
        body.put("hostname", hostname());
        body.put("node_id", gatehouse.nodeId().toString());
        body.put("lua_version", "none (" + Runtime.version() + ")");
        Map<String, Object> available = new TreeMap<>();
        for (GatewayPlugin<?> plugin : gatehouse.plugins().available()) {
            available.put(plugin.name(), Map.of("version", plugin.version(), "priority", plugin.priority()));
        }
        List<String> enabledInCluster = gatehouse.snapshots().current().plugins().stream()
                .map(plugin -> plugin.name()).distinct().sorted().toList();
        body.put("plugins", Map.of("available_on_server", available, "enabled_in_cluster", enabledInCluster));
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("database", "postgres");
        configuration.put("embedded_database", gatehouse.database().isEmbedded());
        configuration.put("plugins", gatehouse.plugins().enabled().stream().map(GatewayPlugin::name).toList());
        configuration.put("admin_listen", gatehouse.settings().getList(Setting.ADMIN_PORTS));
        configuration.put("proxy_listen", gatehouse.settings().getList(Setting.PROXY_PORTS));
        body.put("configuration", configuration);
        body.put("timers", Map.of("running", 0, "pending", 0));
        body.put("pids", Map.of("master", ProcessHandle.current().pid(), "workers", List.of(ProcessHandle.current().pid())));
        return Responses.ok(body);
    }

    @GET
    @Path("status")
    public Response status() {
        Gatehouse gatehouse = Gatehouse.from(servletContext);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("database", Map.of("reachable", gatehouse.database().reachable()));
        body.put("server", gatehouse.counters().snapshot());
        Runtime runtime = Runtime.getRuntime();
        body.put("memory", Map.of(
                "heap_used_bytes", runtime.totalMemory() - runtime.freeMemory(),
                "heap_max_bytes", runtime.maxMemory()));
        body.put("configuration_version", gatehouse.snapshots().current().version());
        return Responses.ok(body);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
