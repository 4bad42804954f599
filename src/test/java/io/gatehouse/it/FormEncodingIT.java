package io.gatehouse.it;

import static io.gatehouse.it.support.KongAssertions.assertStatus;
import static io.gatehouse.it.support.KongAssertions.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.it.support.AdminClient;
import io.gatehouse.it.support.Deployments;
import io.gatehouse.it.support.HttpResult;
import io.gatehouse.it.support.Json;
import io.gatehouse.it.support.Names;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kong's form and multipart decoding (spec §2.2): dotted keys, the three array notations, map
 * brackets, coercion by schema type and the empty string meaning null. Bodies are written the
 * way curl --data sends them.
 */
@ExtendWith(ArquillianExtension.class)
class FormEncodingIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    private final AdminClient admin = new AdminClient();

    private HttpResult newService(String name) {
        return assertStatus(201, admin.post("/services", "name=" + name + "&host=example.com"));
    }

    @Test
    void scalarsAreCoercedBySchemaType() {
        String name = Names.unique("svc");
        HttpResult created = assertStatus(201, admin.post("/services",
                "name=" + name + "&host=example.com&port=8080&retries=3&enabled=false&connect_timeout=1500"));
        assertTrue(created.get("port").isInt(), "port is a number: " + created);
        assertEquals(8080, created.get("port").asInt());
        assertEquals(3, created.get("retries").asInt());
        assertTrue(created.get("enabled").isBoolean(), "enabled is a boolean: " + created);
        assertEquals(false, created.get("enabled").asBoolean(true));
        assertEquals(1500, created.get("connect_timeout").asInt());
    }

    @Test
    void arraysFromRepeatedKeysBracketsAndIndices() {
        String svc = Names.unique("svc");
        newService(svc);
        HttpResult route = assertStatus(201, admin.post("/services/" + svc + "/routes",
                "name=" + Names.unique("r")
                        + "&paths[]=/a&paths[]=/b"
                        + "&methods=GET&methods=POST"
                        + "&hosts[1]=a.example.com&hosts[2]=b.example.com"
                        + "&strip_path=false&regex_priority=7"));
        assertEquals(List.of("/a", "/b"), texts(route.get("paths")));
        assertEquals(List.of("GET", "POST"), texts(route.get("methods")));
        assertEquals(List.of("a.example.com", "b.example.com"), texts(route.get("hosts")));
        assertEquals(false, route.get("strip_path").asBoolean(true));
        assertTrue(route.get("strip_path").isBoolean());
        assertEquals(7, route.get("regex_priority").asInt());
    }

    @Test
    void aScalarBecomesAOneElementArray() {
        String svc = Names.unique("svc");
        newService(svc);
        HttpResult route = assertStatus(201, admin.post("/services/" + svc + "/routes", "paths=/single&methods=GET"));
        assertEquals(List.of("/single"), texts(route.get("paths")));
        assertEquals(List.of("GET"), texts(route.get("methods")));
    }

    @Test
    void headersMapWithBracketsAndDottedArrays() {
        String svc = Names.unique("svc");
        newService(svc);
        HttpResult route = assertStatus(201, admin.post("/services/" + svc + "/routes",
                "paths=/h&headers[x-foo]=bar&headers.x-version[]=v1&headers.x-version[]=v2"));
        assertEquals(Json.parse("{\"x-foo\":[\"bar\"],\"x-version\":[\"v1\",\"v2\"]}"), route.get("headers"));
    }

    @Test
    void dottedKeysNestForeignKeysAndPluginConfig() {
        String svc = Names.unique("svc");
        HttpResult service = newService(svc);
        HttpResult byId = assertStatus(201, admin.post("/routes", "paths=/dot-id&service.id=" + service.id()));
        assertEquals(service.id(), byId.get("service").path("id").asText());
        HttpResult byName = assertStatus(201, admin.post("/routes", "paths=/dot-name&service.name=" + svc));
        assertEquals(service.id(), byName.get("service").path("id").asText());

        HttpResult plugin = assertStatus(201, admin.post("/services/" + svc + "/plugins",
                "name=key-auth&config.key_names[]=apikey&config.key_names[]=x-api-key&config.hide_credentials=true"));
        assertEquals(List.of("apikey", "x-api-key"), texts(plugin.get("config").path("key_names")));
        assertTrue(plugin.get("config").path("hide_credentials").isBoolean(), "config coerced by the plugin schema");
        assertEquals(true, plugin.get("config").path("hide_credentials").asBoolean(false));

        HttpResult indexed = assertStatus(201, admin.post("/routes/" + byId.id() + "/plugins",
                "name=key-auth&config.key_names[1]=k1&config.key_names[2]=k2"));
        assertEquals(List.of("k1", "k2"), texts(indexed.get("config").path("key_names")));

        // PATCH knows the stored plugin name, so config.* is coerced by key-auth's schema.
        HttpResult patched = assertStatus(200, admin.patch("/plugins/" + indexed.id(), "config.key_in_body=true"));
        assertTrue(patched.get("config").path("key_in_body").isBoolean());
        assertEquals(true, patched.get("config").path("key_in_body").asBoolean(false));
        assertEquals(List.of("k1", "k2"), texts(patched.get("config").path("key_names")));
    }

    @Test
    void emptyStringMeansNull() {
        String name = Names.unique("svc");
        HttpResult created = assertStatus(201, admin.post("/services",
                "name=" + name + "&host=example.com&path=/p&tags[]=" + Names.unique("t")));
        assertEquals("/p", created.text("path"));
        HttpResult cleared = assertStatus(200, admin.patch("/services/" + name, "path=&tags="));
        assertTrue(cleared.get("path").isNull(), "path= clears the path: " + cleared);
        assertTrue(cleared.get("tags").isNull(), "tags= clears the tags: " + cleared);

        HttpResult unnamed = assertStatus(201, admin.post("/services", "name=&host=example.com"));
        assertTrue(unnamed.get("name").isNull(), "name= is null: " + unnamed);
    }

    @Test
    void formTagsAreASet() {
        String a = Names.unique("ta");
        String b = Names.unique("tb");
        HttpResult created = assertStatus(201, admin.post("/services",
                "host=example.com&tags[]=" + a + "&tags[]=" + b));
        Set<String> tags = new TreeSet<>(texts(created.get("tags")));
        assertEquals(new TreeSet<>(List.of(a, b)), tags);
    }

    @Test
    void multipartFormDataIsDecodedLikeForms() {
        String name = Names.unique("svc");
        HttpResult service = assertStatus(201, admin.multipart("POST", "/services",
                "name", name, "host", "example.com", "port", "8181"));
        assertEquals(8181, service.get("port").asInt());
        assertTrue(service.get("port").isInt());

        HttpResult route = assertStatus(201, admin.multipart("POST", "/services/" + name + "/routes",
                "paths", "/m1", "paths", "/m2", "methods[]", "GET"));
        assertEquals(List.of("/m1", "/m2"), texts(route.get("paths")));
        assertEquals(List.of("GET"), texts(route.get("methods")));

        HttpResult plugin = assertStatus(201, admin.multipart("POST", "/services/" + name + "/plugins",
                "name", "key-auth", "config.key_names[]", "mk", "config.run_on_preflight", "false"));
        assertEquals(List.of("mk"), texts(plugin.get("config").path("key_names")));
        assertEquals(false, plugin.get("config").path("run_on_preflight").asBoolean(true));

        HttpResult patched = assertStatus(200, admin.multipart("PATCH", "/services/" + name, "path", "/mp"));
        assertEquals("/mp", patched.text("path"));
    }

    @Test
    void formSchemaErrorsUseTheSameShape() {
        HttpResult bad = assertStatus(400, admin.post("/services", "host=example.com&port=eighty"));
        assertEquals(Json.parse("""
                {"code":2,"name":"schema violation",
                 "message":"schema violation (port: expected an integer)",
                 "fields":{"port":"expected an integer"}}"""), bad.json());
    }
}
