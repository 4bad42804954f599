package io.gatehouse.it.proxy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.it.proxy.support.Gateway;
import io.gatehouse.it.proxy.support.RawHttp;
import io.gatehouse.it.proxy.support.TestUpstream;
import io.gatehouse.it.support.Deployments;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scoping precedence (kong-behaviour §4.1): exactly one key-auth configuration runs, the most
 * specific. Each configuration uses its own key_names, so which header works shows which ran.
 * (No global key-auth here: the proxy is shared with every other IT class.)
 */
@ExtendWith(ArquillianExtension.class)
class PluginScopingIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    private final Gateway gw = new Gateway();

    @Test
    void routeServiceAndRoutePlusServiceConfigurations() throws Exception {
        try (TestUpstream upstream = TestUpstream.start()) {
            String svc = Gateway.unique("sc");
            String svcId = gw.service(svc, upstream.url());
            String t = "/" + Gateway.unique("sc");
            String routeA = gw.route(svc, "paths", List.of(t + "/a"));
            gw.route(svc, "paths", List.of(t + "/b"));
            String routeC = gw.route(svc, "paths", List.of(t + "/c"));
            String routeD = gw.route(svc, "paths", List.of(t + "/d"));
            gw.create("/services/" + svc + "/plugins", "name", "key-auth", "config", Map.of("key_names", List.of("svc-key")));
            gw.create("/routes/" + routeA + "/plugins", "name", "key-auth", "config", Map.of("key_names", List.of("route-key")));
            gw.create("/routes/" + routeC + "/plugins", "name", "key-auth", "config", Map.of("key_names", List.of("route-key")));
            gw.create("/plugins", "name", "key-auth", "route", Map.of("id", routeC), "service", Map.of("id", svcId),
                    "config", Map.of("key_names", List.of("rs-key")));
            gw.create("/routes/" + routeD + "/plugins", "name", "key-auth", "enabled", false,
                    "config", Map.of("key_names", List.of("route-key")));
            String user = Gateway.unique("sc-user");
            gw.consumer(user);
            String key = Gateway.unique("sc-key");
            gw.create("/consumers/" + user + "/key-auth", "key", key);
            gw.sync();

            assertAll(
                    () -> assertEquals(200, RawHttp.get(t + "/a", "route-key", key).status(), "route config beats service config"),
                    () -> assertEquals(401, RawHttp.get(t + "/a", "svc-key", key).status(), "only one configuration runs"),
                    () -> assertEquals(200, RawHttp.get(t + "/b", "svc-key", key).status(), "service config for other routes"),
                    () -> assertEquals(401, RawHttp.get(t + "/b", "route-key", key).status()),
                    () -> assertEquals(200, RawHttp.get(t + "/c", "rs-key", key).status(), "route+service beats route"),
                    () -> assertEquals(401, RawHttp.get(t + "/c", "route-key", key).status()),
                    () -> assertEquals(401, RawHttp.get(t + "/c", "svc-key", key).status()),
                    () -> assertEquals(200, RawHttp.get(t + "/d", "svc-key", key).status(), "a disabled route config is ignored"),
                    () -> assertEquals(401, RawHttp.get(t + "/d", "route-key", key).status()));
        }
    }
}
