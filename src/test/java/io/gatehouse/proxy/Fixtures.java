package io.gatehouse.proxy;

import io.gatehouse.model.Api;
import io.gatehouse.model.PluginInstance;
import io.gatehouse.model.Route;
import io.gatehouse.model.Service;
import io.gatehouse.snapshot.ConfigSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Small builders for model records, so tests state only what they are about. */
final class Fixtures {

    private Fixtures() {
    }

    static Service service(String name) {
        return new Service(UUID.nameUUIDFromBytes(name.getBytes()), name, "http", name + ".upstream", 80, null, 5,
                60000, 60000, 60000, true, List.of(), 0);
    }

    static Service disabled(Service s) {
        return new Service(s.id(), s.name(), s.protocol(), s.host(), s.port(), s.path(), s.retries(), s.connectTimeout(),
                s.writeTimeout(), s.readTimeout(), false, s.tags(), s.createdAt());
    }

    static RouteBuilder route(String name) {
        return new RouteBuilder(name);
    }

    static final class RouteBuilder {
        private final String name;
        private List<String> methods = List.of();
        private List<String> hosts = List.of();
        private List<String> paths = List.of();
        private Map<String, List<String>> headers = Map.of();
        private List<String> protocols = List.of("http", "https");
        private int regexPriority;
        private long createdAt;
        private UUID serviceId;

        RouteBuilder(String name) {
            this.name = name;
        }

        RouteBuilder methods(String... v) {
            methods = List.of(v);
            return this;
        }

        RouteBuilder hosts(String... v) {
            hosts = List.of(v);
            return this;
        }

        RouteBuilder paths(String... v) {
            paths = List.of(v);
            return this;
        }

        RouteBuilder header(String name, String... values) {
            Map<String, List<String>> copy = new HashMap<>(headers);
            copy.put(name, List.of(values));
            headers = copy;
            return this;
        }

        RouteBuilder protocols(String... v) {
            protocols = List.of(v);
            return this;
        }

        RouteBuilder regexPriority(int v) {
            regexPriority = v;
            return this;
        }

        RouteBuilder createdAt(long v) {
            createdAt = v;
            return this;
        }

        RouteBuilder service(Service s) {
            serviceId = s.id();
            return this;
        }

        Route build() {
            return new Route(UUID.nameUUIDFromBytes(name.getBytes()), name, protocols, methods, hosts, paths, headers,
                    List.of(), 426, regexPriority, true, false, true, true, "v0", serviceId, List.of(), createdAt);
        }
    }

    static Api api(String name, List<String> hosts, List<String> uris, String upstreamUrl, long createdAt) {
        return new Api(UUID.nameUUIDFromBytes(("api-" + name).getBytes()), name, hosts, uris, List.of(), upstreamUrl, true,
                false, 5, 60000, 60000, 60000, false, false, createdAt);
    }

    static PluginInstance plugin(String name, UUID routeId, UUID serviceId, UUID consumerId, Object config) {
        return new PluginInstance(UUID.randomUUID(), name, null, routeId, serviceId, consumerId, null, config, Map.of(),
                List.of(), true, List.of(), 0);
    }

    static ConfigSnapshot snapshot(List<Service> services, List<Route> routes, List<Api> apis, List<PluginInstance> plugins) {
        Map<UUID, Service> byId = new HashMap<>();
        services.forEach(s -> byId.put(s.id(), s));
        return new ConfigSnapshot(1, services, byId, routes, apis, Map.of(), Map.of(), plugins, Map.of());
    }

    static RequestFacts request(String method, String host, String path, String... headerPairs) {
        HeaderList headers = new HeaderList();
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            headers.add(headerPairs[i], headerPairs[i + 1]);
        }
        return new RequestFacts(method, host, 8000, path, "http", headers);
    }
}
