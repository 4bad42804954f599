package io.gatehouse.it;

import static io.gatehouse.it.support.KongAssertions.assertBody;
import static io.gatehouse.it.support.KongAssertions.assertKeys;
import static io.gatehouse.it.support.KongAssertions.assertStatus;
import static io.gatehouse.it.support.KongAssertions.ids;
import static io.gatehouse.it.support.KongAssertions.assertUuid;
import static io.gatehouse.it.support.KongAssertions.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.AdminClient;
import io.gatehouse.it.support.Deployments;
import io.gatehouse.it.support.HttpResult;
import io.gatehouse.it.support.Names;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Kong 0.13's /apis entity, its plugins and error bodies (spec §1.10, §2.5 legacy), and the issue's four curls. */
@ExtendWith(ArquillianExtension.class)
class LegacyApisIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    private final AdminClient admin = new AdminClient();

    /** What {@code curl -X POST --url <u> --data 'a' --data 'b'} sends: the pieces joined by '&', not re-encoded. */
    private HttpResult curlPost(String path, String... data) {
        return admin.send("POST", path, "application/x-www-form-urlencoded", String.join("&", data),
                "Accept", "*/*", "User-Agent", "curl/7.88.1");
    }

    @Test
    void theIssuesFourCurlCommandsReturn201() {
        // The commands use fixed names; remove what an earlier run left so they can run verbatim.
        int api = admin.delete("/apis/api-key-auth").status();
        assertTrue(api == 204 || api == 404, "cleanup of api-key-auth: " + api);
        assertStatus(204, admin.delete("/consumers/Jason"));
        assertStatus(204, admin.delete("/consumers/Brandon"));
        HttpResult brandon = assertStatus(201, admin.post("/consumers", "username=Brandon"));

        HttpResult created = assertStatus(201, curlPost("/apis/",
                "name=api-key-auth", "uris=/key-auth", "hosts=key-auth.com", "upstream_url=http://127.0.0.1:8241"));
        assertKeys(created.json(), "id", "created_at", "name", "hosts", "uris", "upstream_url", "strip_uri",
                "preserve_host", "retries", "upstream_connect_timeout", "upstream_send_timeout",
                "upstream_read_timeout", "https_only", "http_if_terminated");
        assertUuid(created.get("id"));
        assertMillis(created.get("created_at"));
        assertEquals("api-key-auth", created.text("name"));
        assertEquals(List.of("/key-auth"), texts(created.get("uris")));
        assertEquals(List.of("key-auth.com"), texts(created.get("hosts")));
        assertEquals("http://127.0.0.1:8241", created.text("upstream_url"));
        assertEquals(true, created.get("strip_uri").asBoolean(false));
        assertEquals(false, created.get("preserve_host").asBoolean(true));
        assertEquals(5, created.get("retries").asInt());
        assertEquals(60000, created.get("upstream_connect_timeout").asInt());
        assertEquals(60000, created.get("upstream_send_timeout").asInt());
        assertEquals(60000, created.get("upstream_read_timeout").asInt());
        assertEquals(false, created.get("https_only").asBoolean(true));
        assertEquals(false, created.get("http_if_terminated").asBoolean(true));

        HttpResult plugin = assertStatus(201, curlPost("/apis/api-key-auth/plugins/", "name=key-auth"));
        assertUuid(plugin.get("id"));
        assertEquals("key-auth", plugin.text("name"));
        assertEquals(created.id(), plugin.text("api_id"));
        assertEquals(true, plugin.get("enabled").asBoolean(false));
        assertEquals(List.of("apikey"), texts(plugin.get("config").path("key_names")));
        assertMillis(plugin.get("created_at"));
        assertNoNulls(plugin.json());

        HttpResult jason = assertStatus(201, curlPost("/consumers/", "username=Jason"));
        assertEquals("Jason", jason.text("username"));
        assertUuid(jason.get("id"));

        HttpResult credential = assertStatus(201, curlPost("/consumers/Brandon/basic-auth",
                "username=Aladdin", "password=OpenSesame"));
        assertEquals("Aladdin", credential.text("username"));
        assertEquals(brandon.id(), credential.get("consumer").path("id").asText(credential.text("consumer_id")));
        assertNotEquals("OpenSesame", credential.text("password"));
        assertFalse(credential.body().contains("OpenSesame"), "the clear password never comes back");

        // Read back through the legacy endpoints.
        assertEquals(created.json(), assertStatus(200, admin.get("/apis/api-key-auth")).json());
        assertEquals(created.json(), assertStatus(200, admin.get("/apis/" + created.id())).json());
        HttpResult plugins = assertStatus(200, admin.get("/apis/api-key-auth/plugins"));
        assertEquals(List.of(plugin.id()), ids(plugins));
        assertEquals(plugin.json(), assertStatus(200, admin.get("/apis/api-key-auth/plugins/" + plugin.id())).json());
    }

    @Test
    void legacyApiCrud() {
        String name = Names.unique("api");
        HttpResult created = assertStatus(201, admin.post("/apis",
                "name=" + name + "&uris=/trail/&upstream_url=http://127.0.0.1:9/x&methods=GET"));
        assertEquals(List.of("/trail"), texts(created.get("uris")), "a trailing / is stripped on save");
        assertEquals(List.of("GET"), texts(created.get("methods")));
        assertFalse(created.json().has("hosts"), "unset fields are omitted, not null: " + created);
        assertNoNulls(created.json());

        HttpResult filtered = assertStatus(200, admin.get("/apis?name=" + name));
        assertEquals(1, filtered.get("total").asInt(), "legacy lists carry total: " + filtered);
        assertEquals(List.of(created.id()), ids(filtered));

        HttpResult patched = assertStatus(200, admin.patch("/apis/" + name, "retries=3&preserve_host=true"));
        assertEquals(3, patched.get("retries").asInt());
        assertEquals(true, patched.get("preserve_host").asBoolean(false));
        assertEquals(List.of("/trail"), texts(patched.get("uris")));
        assertBody(400, "{\"message\":\"empty body\"}", admin.send("PATCH", "/apis/" + name, null, null));

        assertStatus(204, admin.delete("/apis/" + name));
        assertBody(404, "{\"message\":\"Not found\"}", admin.get("/apis/" + name));
    }

    @Test
    void legacyCollectionPutInsertsOrUpdates() {
        String name = Names.unique("api");
        HttpResult inserted = assertStatus(201, admin.put("/apis/",
                "name=" + name + "&hosts=put.example.com&upstream_url=http://127.0.0.1:9"));
        HttpResult updated = assertStatus(200, admin.put("/apis/",
                "id=" + inserted.id() + "&name=" + name + "&hosts=put2.example.com&upstream_url=http://127.0.0.1:9"));
        assertEquals(inserted.id(), updated.id());
        assertEquals(List.of("put2.example.com"), texts(updated.get("hosts")));
        assertStatus(404, admin.put("/apis/", "id=" + java.util.UUID.randomUUID() + "&name=" + Names.unique("api")
                + "&hosts=x.example.com&upstream_url=http://127.0.0.1:9"));
    }

    @Test
    void legacyErrorBodies() {
        String name = Names.unique("api");
        assertBody(400, "{\"upstream_url\":\"upstream_url is required\"}",
                admin.post("/apis", "name=" + name + "&uris=/x"));
        assertBody(400, "{\"foo\":\"foo is an unknown field\"}",
                admin.post("/apis", "name=" + name + "&uris=/x&upstream_url=http://127.0.0.1:9&foo=bar"));
        assertBody(400, "{\"upstream_url\":\"Supported protocols are HTTP and HTTPS\"}",
                admin.post("/apis", "name=" + name + "&uris=/x&upstream_url=ftp://127.0.0.1:9"));
        assertBody(400, "{\"name\":\"name must only contain alphanumeric and '., -, _, ~' characters\"}",
                admin.post("/apis", "name=bad%20name&uris=/x&upstream_url=http://127.0.0.1:9"));
        assertBody(400, "{\"message\":\"at least one of 'hosts', 'uris' or 'methods' must be specified\"}",
                admin.post("/apis", "name=" + name + "&upstream_url=http://127.0.0.1:9"));

        assertStatus(201, admin.post("/apis", "name=" + name + "&uris=/x&upstream_url=http://127.0.0.1:9"));
        assertBody(409, "{\"name\":\"already exists with value '" + name + "'\"}",
                admin.post("/apis", "name=" + name + "&uris=/y&upstream_url=http://127.0.0.1:9"));
        assertBody(404, "{\"message\":\"Not found\"}", admin.get("/apis/" + Names.unique("missing")));
        assertBody(404, "{\"message\":\"Not found\"}", admin.post("/apis/" + Names.unique("missing") + "/plugins",
                "name=key-auth"));
    }

    private static void assertMillis(JsonNode value) {
        assertTrue(value.isIntegralNumber(), "created_at is an integer: " + value);
        assertTrue(Math.abs(System.currentTimeMillis() - value.asLong()) < 600_000,
                "0.13 created_at is in milliseconds: " + value);
    }

    /** Legacy responses omit unset fields instead of rendering null. */
    private static void assertNoNulls(JsonNode object) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            assertFalse(field.getValue().isNull(), "legacy field " + field.getKey() + " is null in " + object);
        }
    }
}
