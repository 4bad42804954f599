package io.gatehouse.it;

import static io.gatehouse.it.support.KongAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.gatehouse.it.support.AdminClient;
import io.gatehouse.it.support.Await;
import io.gatehouse.it.support.Deployments;
import io.gatehouse.it.support.HttpResult;
import io.gatehouse.it.support.Json;
import io.gatehouse.it.support.Names;
import io.gatehouse.it.support.ProxyClient;
import io.gatehouse.it.support.UpstreamServer;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An Admin API write reaches the configuration snapshot that the proxy serves from (issue: Data,
 * "a test showing a write reaches the snapshot"), observed on the proxy port against a real
 * upstream server.
 */
@ExtendWith(ArquillianExtension.class)
class ProxySnapshotIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    private final AdminClient admin = new AdminClient();
    private final ProxyClient proxy = new ProxyClient();

    @Test
    void aNewRouteIsServedAndAChangedRouteStopsMatching() throws Exception {
        try (UpstreamServer upstream = UpstreamServer.start()) {
            upstream.respond(200, "{\"hello\":\"from upstream\"}");
            String svc = Names.unique("snap");
            String prefix = "/" + Names.unique("snap");
            assertStatus(201, admin.post("/services", Json.obj("name", svc, "url", upstream.url() + "/up")));
            HttpResult route = assertStatus(201, admin.post("/services/" + svc + "/routes",
                    Json.obj("paths", List.of(prefix))));

            HttpResult proxied = Await.until(Duration.ofSeconds(20), () -> proxy.get(prefix + "/x?q=1"),
                    r -> r.status() == 200, "the new route to be served by the proxy");
            assertEquals(Json.parse("{\"hello\":\"from upstream\"}"), proxied.json());
            UpstreamServer.Received received = upstream.next(Duration.ofSeconds(5));
            assertNotNull(received, "the upstream received the request");
            assertEquals("GET", received.method());
            assertEquals("/up/x?q=1", received.pathAndQuery());

            String moved = "/" + Names.unique("moved");
            assertStatus(200, admin.patch("/routes/" + route.id(), Json.obj("paths", List.of(moved))));
            HttpResult gone = Await.until(Duration.ofSeconds(20), () -> proxy.get(prefix + "/x"),
                    r -> r.status() == 404, "the old path to stop matching");
            assertEquals("no Route matched with those values", gone.text("message"));
            Await.until(Duration.ofSeconds(20), () -> proxy.get(moved), r -> r.status() == 200,
                    "the moved route to be served");
        }
    }
}
