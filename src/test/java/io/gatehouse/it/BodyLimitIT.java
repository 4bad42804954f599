package io.gatehouse.it;

import static io.gatehouse.it.support.KongAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.it.support.AdminClient;
import io.gatehouse.it.support.Await;
import io.gatehouse.it.support.Deployments;
import io.gatehouse.it.support.Json;
import io.gatehouse.it.support.Names;
import io.gatehouse.it.support.ProxyClient;
import io.gatehouse.it.support.UpstreamServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The proxy's body limit (gatehouse.max_body_size), on the manually controlled Tomcat whose JVM
 * runs with -Dgatehouse.max_body_size=1048576: a larger body gets 413 with Kong's text, whether
 * it announces its length or arrives chunked, and never reaches the upstream.
 */
@ExtendWith(ArquillianExtension.class)
class BodyLimitIT {

    private static final int LIMIT = 1024 * 1024;

    @Deployment(name = "gatehouse-body-limit", managed = false, testable = false)
    @TargetsContainer(RestartPersistenceIT.CONTAINER)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    @ArquillianResource
    private ContainerController controller;

    @ArquillianResource
    private Deployer deployer;

    private final AdminClient admin = new AdminClient("http://127.0.0.1:28001")
            .withHeader("Kong-Admin-Token", RestartPersistenceIT.TOKEN);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void bodiesAboveTheLimitGet413AndNeverReachTheUpstream() throws Exception {
        controller.start(RestartPersistenceIT.CONTAINER);
        deployer.deploy("gatehouse-body-limit");
        try (UpstreamServer upstream = UpstreamServer.start().respond(200, "{\"ok\":true}")) {
            String name = Names.unique("limit");
            assertStatus(201, admin.post("/services", "name=" + name + "&url=" + upstream.url()));
            String path = "/" + name;
            assertStatus(201, admin.post("/services/" + name + "/routes", "paths[]=" + path));
            ProxyClient proxy = new ProxyClient("http://127.0.0.1:28000");
            Await.until(Duration.ofSeconds(20), () -> proxy.get(path), routed -> routed.status() != 404,
                    "the new route to reach the proxy");
            int routedSoFar = upstream.received().size();

            HttpResponse<String> small = send(path, HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT / 2]));
            assertEquals(200, small.statusCode(), small.body());

            HttpResponse<String> announced = send(path, HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT + 1]));
            assertEquals(413, announced.statusCode());
            // This Tomcat emulates Kong 0.13 (kong_version=0.13.1), whose error bodies are always {"message"}.
            assertEquals("Payload too large", Json.parse(announced.body()).path("message").asText(), announced.body());

            // No Content-Length: the limit is enforced while the body streams.
            HttpResponse<String> chunked = send(path, HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(new byte[2 * LIMIT])));
            assertEquals(413, chunked.statusCode(), chunked.body());

            assertEquals(routedSoFar + 1, upstream.received().size(),
                    "only the small body reached the upstream: " + upstream.received());
        } finally {
            try {
                deployer.undeploy("gatehouse-body-limit");
            } finally {
                controller.stop(RestartPersistenceIT.CONTAINER);
            }
        }
    }

    private HttpResponse<String> send(String path, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:28000" + path))
                .header("Accept", "text/plain")
                .timeout(Duration.ofSeconds(30))
                .POST(body)
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
