package io.gatehouse.it;

import static io.gatehouse.it.support.KongAssertions.assertBody;
import static io.gatehouse.it.support.KongAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.it.support.AdminClient;
import io.gatehouse.it.support.Deployments;
import io.gatehouse.it.support.HttpResult;
import io.gatehouse.it.support.Json;
import io.gatehouse.it.support.Names;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Security baseline of the Admin API (DESIGN §8, issue "Security baseline"): browser writes from a
 * foreign Origin are refused while curl-style requests work; odd input never yields a 500 or a
 * stack trace. The admin token is covered by RestartPersistenceIT, whose Tomcat has one set.
 */
@ExtendWith(ArquillianExtension.class)
class SecurityIT {

    private static final String EVIL = "http://evil.example";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    private final AdminClient admin = new AdminClient();

    @Test
    void writesFromAForeignOriginAre403() {
        String name = Names.unique("svc");
        HttpResult refused = admin.post("/services", Json.obj("name", name, "host", "example.com"), "Origin", EVIL);
        assertStatus(403, refused);
        assertTrue(refused.get("message").isTextual(), "403 has a Kong-style message: " + refused);
        assertBody(404, "{\"message\":\"Not found\"}", admin.get("/services/" + name));

        // A form post without Origin (curl, Kong's documentation) keeps working.
        assertStatus(201, admin.post("/services", "name=" + name + "&host=example.com"));

        assertStatus(403, admin.patch("/services/" + name, Json.obj("port", 81), "Origin", EVIL));
        assertStatus(403, admin.put("/services/" + name, Json.obj("host", "other.example.com"), "Origin", EVIL));
        assertStatus(403, admin.delete("/services/" + name, "Origin", EVIL));
        HttpResult unchanged = assertStatus(200, admin.get("/services/" + name));
        assertEquals(80, unchanged.get("port").asInt());
        assertEquals("example.com", unchanged.text("host"));

        // Reads are not writes.
        assertStatus(200, admin.get("/services/" + name, "Origin", EVIL));
    }

    @Test
    void oddRequestsNeverProduce500OrStackTraces() {
        List<HttpResult> results = List.of(
                admin.get("/services/%E5%86"),
                admin.get("/services/" + "x".repeat(2000)),
                admin.get("/services?size=99999999999999999999"),
                admin.get("/services?offset=" + "A".repeat(64)),
                admin.send("POST", "/services", "application/json", "[1,2,3]"),
                admin.send("POST", "/services", "application/json", "\"just a string\""),
                admin.send("POST", "/services", "application/json", "{\"host\":{\"nested\":true}}"),
                admin.send("POST", "/services", "application/json", "{\"port\":1e400,\"host\":\"example.com\"}"),
                admin.send("POST", "/routes", "application/json", "{\"paths\":\"/not-an-array\",\"service\":\"x\"}"),
                admin.send("POST", "/plugins", "application/json", "{\"name\":\"key-auth\",\"config\":[]}"),
                admin.send("POST", "/services", "application/x-www-form-urlencoded", "host=%ZZ&port[]]=1"),
                admin.send("POST", "/services", "multipart/form-data; boundary=nope", "garbage"),
                admin.send("PATCH", "/services/" + java.util.UUID.randomUUID(), "application/json", "{}"),
                admin.get("/tags/%00"),
                admin.get("/schemas/plugins/%2e%2e"));
        for (HttpResult result : results) {
            assertTrue(result.status() < 500, () -> "no 5xx: " + result);
            assertFalse(result.body().contains("Exception") || result.body().contains("\tat ")
                    || result.body().contains("io.gatehouse."), () -> "no stack trace: " + result);
        }
    }
}
