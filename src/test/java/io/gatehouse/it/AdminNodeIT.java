package io.gatehouse.it;

import static io.gatehouse.it.support.KongAssertions.arrayContainsText;
import static io.gatehouse.it.support.KongAssertions.assertBody;
import static io.gatehouse.it.support.KongAssertions.assertStatus;
import static io.gatehouse.it.support.KongAssertions.assertUuid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.AdminClient;
import io.gatehouse.it.support.Deployments;
import io.gatehouse.it.support.HttpResult;
import io.gatehouse.it.support.Json;
import java.util.List;
import java.util.Locale;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Node information, status, schema endpoints and the generic Admin API error rules (spec §2.1, §2.2, §2.5). */
@ExtendWith(ArquillianExtension.class)
class AdminNodeIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    private final AdminClient admin = new AdminClient();

    @Test
    void rootDescribesTheNodeLikeKong310() {
        HttpResult root = assertStatus(200, admin.get("/"));
        assertJsonContentType(root);
        assertEquals("3.10.0", root.text("version"), "version is the emulated Kong version");
        assertEquals("Welcome to kong", root.text("tagline"));
        assertEquals("community", root.text("edition"));
        assertTrue(root.get("hostname").isTextual() && !root.text("hostname").isBlank(), "hostname: " + root);
        assertUuid(root.get("node_id"));
        assertEquals("postgres", root.get("configuration").path("database").asText(), "configuration.database");

        JsonNode available = root.get("plugins").path("available_on_server");
        assertTrue(available.isObject(), "plugins.available_on_server is an object keyed by name: " + root);
        assertEquals(1250, available.path("key-auth").path("priority").asInt(-1), "key-auth priority: " + available);
        assertEquals(1100, available.path("basic-auth").path("priority").asInt(-1), "basic-auth priority: " + available);
        assertTrue(available.path("key-auth").path("version").isTextual(), "key-auth version: " + available);
        assertTrue(root.get("plugins").path("enabled_in_cluster").isArray(), "plugins.enabled_in_cluster: " + root);

        // Gatehouse's own version is reported separately from the Kong version clients rely on.
        assertTrue(root.get("gatehouse_version").isTextual()
                && root.text("gatehouse_version").matches("\\d+\\.\\d+\\.\\d+.*"), "gatehouse_version in " + root.body());
    }

    @Test
    void statusReportsAReachableDatabase() {
        HttpResult status = assertStatus(200, admin.get("/status"));
        assertJsonContentType(status);
        assertEquals(true, status.get("database").path("reachable").isBoolean()
                && status.get("database").path("reachable").asBoolean(), "database.reachable: " + status);
        JsonNode server = status.get("server");
        for (String counter : List.of("connections_active", "connections_reading", "connections_writing",
                "connections_waiting", "connections_accepted", "connections_handled", "total_requests")) {
            assertTrue(server.path(counter).isIntegralNumber(), "server." + counter + " in " + status);
        }
    }

    @Test
    void enabledPluginsListsTheAuthPlugins() {
        HttpResult enabled = assertStatus(200, admin.get("/plugins/enabled"));
        JsonNode names = enabled.get("enabled_plugins");
        assertTrue(names.isArray(), enabled.toString());
        assertTrue(arrayContainsText(names, "key-auth"), enabled.toString());
        assertTrue(arrayContainsText(names, "basic-auth"), enabled.toString());
    }

    @Test
    void entitySchemaDescribesServiceFields() {
        HttpResult schema = assertStatus(200, admin.get("/schemas/services"));
        JsonNode fields = schema.get("fields");
        assertTrue(fields.isArray(), "fields is an array of one-key objects: " + schema);
        JsonNode host = field(fields, "host");
        assertEquals("string", host.path("type").asText());
        assertTrue(host.path("required").asBoolean(), "host is required: " + host);
        JsonNode port = field(fields, "port");
        assertEquals("integer", port.path("type").asText());
        assertEquals(80, port.path("default").asInt());
        assertEquals("http", field(fields, "protocol").path("default").asText());
        assertEquals(5, field(fields, "retries").path("default").asInt());
        assertEquals(60000, field(fields, "connect_timeout").path("default").asInt());
        assertTrue(field(fields, "name").path("unique").asBoolean(), "name is unique");

        HttpResult routes = assertStatus(200, admin.get("/schemas/routes"));
        assertEquals(Json.parse("[\"http\",\"https\"]"), field(routes.get("fields"), "protocols").path("default"));
        assertTrue(field(routes.get("fields"), "strip_path").path("default").asBoolean());

        assertBody(404, "{\"message\":\"No entity named 'nope'\"}", admin.get("/schemas/nope"));
    }

    @Test
    void pluginSchemaDescribesKeyAuthConfig() {
        HttpResult schema = assertStatus(200, admin.get("/schemas/plugins/key-auth"));
        JsonNode config = field(schema.get("fields"), "config");
        assertEquals("record", config.path("type").asText(), "config: " + config);
        JsonNode keyNames = field(config.path("fields"), "key_names");
        assertEquals("array", keyNames.path("type").asText());
        assertEquals(Json.parse("[\"apikey\"]"), keyNames.path("default"));
        JsonNode hide = field(config.path("fields"), "hide_credentials");
        assertEquals("boolean", hide.path("type").asText());
        assertEquals(false, hide.path("default").asBoolean(true));

        assertBody(404, "{\"message\":\"No plugin named 'nope'\"}", admin.get("/schemas/plugins/nope"));
    }

    @Test
    void legacyPluginSchemaUses013Shape() {
        HttpResult keyAuth = assertStatus(200, admin.get("/plugins/schema/key-auth"));
        assertTrue(keyAuth.get("fields").isObject(), "0.13 fields are an object keyed by name: " + keyAuth);
        assertEquals(true, keyAuth.get("no_consumer").asBoolean(false), "no_consumer: " + keyAuth);
        JsonNode keyNames = keyAuth.get("fields").path("key_names");
        assertEquals("array", keyNames.path("type").asText(), keyAuth.toString());
        assertEquals(Json.parse("[\"apikey\"]"), keyNames.path("default"));
        assertEquals("boolean", keyAuth.get("fields").path("hide_credentials").path("type").asText());
        assertEquals(false, keyAuth.get("fields").path("hide_credentials").path("default").asBoolean(true));

        HttpResult basicAuth = assertStatus(200, admin.get("/plugins/schema/basic-auth"));
        assertEquals(true, basicAuth.get("no_consumer").asBoolean(false), basicAuth.toString());
        assertEquals("boolean", basicAuth.get("fields").path("hide_credentials").path("type").asText());
    }

    @Test
    void unknownPathIs404NotFound() {
        assertBody(404, "{\"message\":\"Not found\"}", admin.get("/no-such-endpoint"));
        assertBody(404, "{\"message\":\"Not found\"}", admin.get("/services/" + java.util.UUID.randomUUID()));
    }

    @Test
    void unroutedMethodIs405() {
        assertBody(405, "{\"message\":\"Method not allowed\"}", admin.delete("/services"));
        assertBody(405, "{\"message\":\"Method not allowed\"}", admin.patch("/consumers", "{}"));
    }

    @Test
    void unsupportedContentTypeIs415WithoutBody() {
        HttpResult result = admin.send("POST", "/services", "text/plain", "name=x&host=example.com");
        assertStatus(415, result);
        assertEquals("", result.body(), "415 has no body");
    }

    @Test
    void malformedJsonIs400CannotParse() {
        assertBody(400, "{\"message\":\"Cannot parse JSON body\"}",
                admin.send("POST", "/services", "application/json", "{\"name\": \"x\", "));
    }

    @Test
    void emptyBodyWithoutContentTypeIsValidatedAsEmptyEntity() {
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"schema violation (host: required field missing)",
                 "fields":{"host":"required field missing"}}""",
                admin.send("POST", "/services", null, null));
    }

    @Test
    void twoContentTypeHeadersAreRejected() {
        assertBody(400, "{\"message\":\"Multiple Content-Type headers not allowed\"}",
                admin.send("POST", "/services", "application/json", "{\"host\":\"example.com\"}",
                        "Content-Type", "application/x-www-form-urlencoded"));
    }

    @Test
    void trailingSlashIsTolerated() {
        HttpResult list = assertStatus(200, admin.get("/services/"));
        assertTrue(list.get("data").isArray(), list.toString());
    }

    @Test
    void optionsAnswers204WithAllowedMethods() {
        HttpResult options = admin.options("/services");
        assertStatus(204, options);
        String allow = options.header("Allow");
        assertNotNull(allow, "Allow header");
        List<String> methods = List.of(allow.split(",\\s*"));
        assertTrue(methods.containsAll(List.of("GET", "POST", "OPTIONS")), "Allow: " + allow);
        assertEquals(allow, options.header("Access-Control-Allow-Methods"));
    }

    private static void assertJsonContentType(HttpResult result) {
        String type = result.header("Content-Type");
        assertNotNull(type, "Content-Type of " + result);
        assertEquals("application/json; charset=utf-8", type.toLowerCase(Locale.ROOT).replace(";charset", "; charset"));
    }

    /** The definition of {@code name} in a Kong schema's {@code fields} array of one-key objects. */
    static JsonNode field(JsonNode fields, String name) {
        for (JsonNode entry : fields) {
            if (entry.has(name)) {
                return entry.get(name);
            }
        }
        throw new AssertionError("no field '" + name + "' in " + fields);
    }
}
