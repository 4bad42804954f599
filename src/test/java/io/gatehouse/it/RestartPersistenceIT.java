package io.gatehouse.it;

import static io.gatehouse.it.support.KongAssertions.assertBody;
import static io.gatehouse.it.support.KongAssertions.assertStatus;
import static io.gatehouse.it.support.KongAssertions.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.AdminClient;
import io.gatehouse.it.support.Deployments;
import io.gatehouse.it.support.HttpResult;
import io.gatehouse.it.support.Json;
import io.gatehouse.it.support.Names;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a second Tomcat (qualifier tomcat-restart in arquillian.xml: ports 28000-28002, its own
 * gatehouse.home, -Dgatehouse.admin.token and -Dgatehouse.kong_version=0.13.1) under the test's control:
 * <ol>
 *   <li>the admin token is required on every Admin API call, and the reported Kong version is the configured one;</li>
 *   <li>every entity kind survives a full stop and start of Tomcat with the embedded PostgreSQL.</li>
 * </ol>
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartPersistenceIT {

    static final String CONTAINER = "tomcat-restart";
    static final String DEPLOYMENT = "gatehouse-restart";
    static final String TOKEN = "it-restart-token-7f3a9c";

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(CONTAINER)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    @ArquillianResource
    private ContainerController controller;

    @ArquillianResource
    private Deployer deployer;

    private final AdminClient anonymous = new AdminClient("http://127.0.0.1:28001");
    private final AdminClient admin = anonymous.withHeader("Kong-Admin-Token", TOKEN);

    private void startAndDeploy() {
        if (!controller.isStarted(CONTAINER)) {
            controller.start(CONTAINER);
            deployer.deploy(DEPLOYMENT);
        }
    }

    private void undeployAndStop() {
        if (controller.isStarted(CONTAINER)) {
            try {
                deployer.undeploy(DEPLOYMENT);
            } finally {
                controller.stop(CONTAINER);
            }
        }
    }

    @Test
    @Order(1)
    void adminTokenIsRequiredOnEveryCall() {
        startAndDeploy();
        assertBody(401, "{\"message\":\"Unauthorized\"}", anonymous.get("/"));
        assertStatus(401, anonymous.get("/services"));
        assertStatus(401, anonymous.post("/services", "host=example.com"));
        assertStatus(401, anonymous.get("/", "Kong-Admin-Token", TOKEN + "x"));
        assertStatus(401, anonymous.get("/", "Authorization", "Bearer wrong"));
        assertStatus(401, anonymous.get("/", "Authorization", "Basic " + TOKEN));

        HttpResult root = assertStatus(200, anonymous.get("/", "Kong-Admin-Token", TOKEN));
        // This Tomcat runs with -Dgatehouse.kong_version=0.13.1, as for legacy dashboards.
        assertEquals("0.13.1", root.text("version"), "the emulated Kong version is settable");
        assertTrue(root.text("gatehouse_version").matches("\\d+\\.\\d+\\.\\d+.*"), root.toString());
        assertStatus(200, anonymous.get("/status", "Authorization", "Bearer " + TOKEN));
        assertStatus(201, anonymous.post("/consumers", "username=" + Names.unique("tok"),
                "Authorization", "Bearer " + TOKEN));
    }

    @Test
    @Order(2)
    void entitiesSurviveAFullTomcatRestart() {
        startAndDeploy();
        try {
            String svc = Names.unique("persist-svc");
            String route = Names.unique("persist-route");
            String user = Names.unique("persist-user");
            String key = Names.unique("persist-key");
            Map<String, JsonNode> before = new LinkedHashMap<>();

            HttpResult service = assertStatus(201, admin.post("/services",
                    Json.obj("name", svc, "url", "http://127.0.0.1:9/base", "tags", List.of("persist"))));
            before.put("/services/" + service.id(), service.json());
            before.put("/services/" + svc, service.json());
            HttpResult r = assertStatus(201, admin.post("/services/" + svc + "/routes",
                    Json.obj("name", route, "paths", List.of("/" + route), "methods", List.of("GET"))));
            before.put("/routes/" + r.id(), r.json());
            before.put("/routes/" + route, r.json());
            HttpResult consumer = assertStatus(201, admin.post("/consumers", Json.obj("username", user)));
            before.put("/consumers/" + user, consumer.json());
            HttpResult credential = assertStatus(201, admin.post("/consumers/" + user + "/key-auth",
                    Json.obj("key", key)));
            before.put("/key-auths/" + credential.id(), credential.json());
            before.put("/consumers/" + user + "/key-auth/" + key, credential.json());
            HttpResult plugin = assertStatus(201, admin.post("/services/" + svc + "/plugins",
                    Json.obj("name", "key-auth", "config", Json.node("key_names", List.of("x-key")))));
            before.put("/plugins/" + plugin.id(), plugin.json());
            HttpResult routePlugin = assertStatus(201, admin.post("/routes/" + route + "/plugins",
                    Json.obj("name", "basic-auth")));
            before.put("/plugins/" + routePlugin.id(), routePlugin.json());

            // A full restart: the app is undeployed (PostgreSQL stops with it), Tomcat's JVM exits,
            // a new JVM starts and the WAR is deployed again onto the same data directory.
            undeployAndStop();
            File dataDir = new File(System.getProperty("tomcat.home"), "../it-restart-home/pgdata");
            assertTrue(new File(dataDir, "PG_VERSION").isFile(), "PostgreSQL data lives in " + dataDir);
            startAndDeploy();

            HttpResult status = assertStatus(200, admin.get("/status"));
            assertEquals(true, status.get("database").path("reachable").asBoolean(false));
            for (Map.Entry<String, JsonNode> entry : before.entrySet()) {
                HttpResult after = assertStatus(200, admin.get(entry.getKey()));
                assertEquals(entry.getValue(), after.json(), "unchanged after restart: " + entry.getKey());
            }
            List<String> routeIds = ids(admin.get("/services/" + svc + "/routes"));
            assertEquals(List.of(r.id()), routeIds);

            // The restarted node still writes: the old name is taken, a new one is not.
            assertStatus(409, admin.post("/services", Json.obj("name", svc, "host", "example.com")));
            assertStatus(201, admin.post("/services", Json.obj("name", Names.unique("after"), "host", "example.com")));
        } finally {
            undeployAndStop();
        }
    }
}
