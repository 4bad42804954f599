package io.gatehouse.it;

import static io.gatehouse.it.support.KongAssertions.assertBody;
import static io.gatehouse.it.support.KongAssertions.assertKeys;
import static io.gatehouse.it.support.KongAssertions.assertRecentSeconds;
import static io.gatehouse.it.support.KongAssertions.assertStatus;
import static io.gatehouse.it.support.KongAssertions.assertUuid;
import static io.gatehouse.it.support.KongAssertions.ids;
import static io.gatehouse.it.support.KongAssertions.randomUuid;
import static io.gatehouse.it.support.KongAssertions.sortedIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Routes and their nested and foreign-entity endpoints (spec §1.2, §2.5). */
@ExtendWith(ArquillianExtension.class)
class RoutesIT {

    static final String[] ROUTE_FIELDS = {"id", "created_at", "updated_at", "name", "protocols", "methods", "hosts",
        "paths", "headers", "snis", "sources", "destinations", "https_redirect_status_code", "strip_path",
        "preserve_host", "request_buffering", "response_buffering", "regex_priority", "path_handling", "tags",
        "service"};

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    private final AdminClient admin = new AdminClient();

    private HttpResult newService(String name) {
        return assertStatus(201, admin.post("/services", Json.obj("name", name, "host", "example.com")));
    }

    @Test
    void nestedPostSetsTheServiceAndAppliesDefaults() {
        String svc = Names.unique("svc");
        HttpResult service = newService(svc);
        String name = Names.unique("route");
        HttpResult route = assertStatus(201, admin.post("/services/" + svc + "/routes",
                Json.obj("name", name, "paths", List.of("/" + name))));
        assertKeys(route.json(), ROUTE_FIELDS);
        assertUuid(route.get("id"));
        assertRecentSeconds(route.get("created_at"));
        assertEquals(Json.parse("{\"id\":\"" + service.id() + "\"}"), route.get("service"));
        assertEquals(Json.parse("[\"http\",\"https\"]"), route.get("protocols"));
        assertEquals(Json.parse("[\"/" + name + "\"]"), route.get("paths"));
        assertEquals(426, route.get("https_redirect_status_code").asInt());
        assertEquals(true, route.get("strip_path").asBoolean(false));
        assertEquals(false, route.get("preserve_host").asBoolean(true));
        assertEquals(true, route.get("request_buffering").asBoolean(false));
        assertEquals(true, route.get("response_buffering").asBoolean(false));
        assertEquals(0, route.get("regex_priority").asInt(-1));
        assertEquals("v0", route.text("path_handling"));
        for (String nullField : List.of("methods", "hosts", "headers", "snis", "sources", "destinations", "tags")) {
            assertTrue(route.get(nullField).isNull(), nullField + " is null: " + route);
        }
    }

    @Test
    void nestedGetListsAndChecksOwnership() {
        String svc = Names.unique("svc");
        String other = Names.unique("svc");
        newService(svc);
        newService(other);
        HttpResult a = assertStatus(201, admin.post("/services/" + svc + "/routes", Json.obj("paths", List.of("/a"))));
        HttpResult b = assertStatus(201, admin.post("/services/" + svc + "/routes",
                Json.obj("name", Names.unique("r"), "hosts", List.of("b.example.com"))));

        HttpResult list = assertStatus(200, admin.get("/services/" + svc + "/routes"));
        assertEquals(sortedIds(List.of(a.id(), b.id())), ids(list));
        assertTrue(list.get("next").isNull(), list.toString());

        assertEquals(a.json(), assertStatus(200, admin.get("/services/" + svc + "/routes/" + a.id())).json());
        assertEquals(b.json(), assertStatus(200, admin.get("/services/" + svc + "/routes/" + b.text("name"))).json());
        assertBody(404, "{\"message\":\"Not found\"}", admin.get("/services/" + other + "/routes/" + a.id()));
        assertStatus(404, admin.patch("/services/" + other + "/routes/" + a.id(), Json.obj("paths", List.of("/z"))));
        assertStatus(404, admin.get("/services/" + Names.unique("nope") + "/routes"));
        assertBody(200, "{\"data\":[],\"next\":null}", admin.get("/services/" + other + "/routes"));
    }

    @Test
    void nestedPutPatchAndDelete() {
        String svc = Names.unique("svc");
        HttpResult service = newService(svc);
        String name = Names.unique("route");
        HttpResult put = assertStatus(200, admin.put("/services/" + svc + "/routes/" + name,
                Json.obj("paths", List.of("/put"))));
        assertEquals(name, put.text("name"));
        assertEquals(service.id(), put.get("service").path("id").asText());

        HttpResult patched = assertStatus(200, admin.patch("/services/" + svc + "/routes/" + name,
                Json.obj("methods", List.of("GET"))));
        assertEquals(Json.parse("[\"GET\"]"), patched.get("methods"));
        assertEquals(Json.parse("[\"/put\"]"), patched.get("paths"));

        assertStatus(204, admin.delete("/services/" + svc + "/routes/" + name));
        assertStatus(404, admin.get("/routes/" + name));
    }

    @Test
    void topLevelPutPatchAndDelete() {
        String name = Names.unique("route");
        HttpResult created = assertStatus(200, admin.put("/routes/" + name,
                Json.obj("paths", List.of("/top"), "strip_path", false)));
        assertEquals(name, created.text("name"));
        assertEquals(false, created.get("strip_path").asBoolean(true));
        HttpResult replaced = assertStatus(200, admin.put("/routes/" + name,
                Json.obj("name", Names.unique("ignored"), "hosts", List.of("top.example.com"))));
        assertEquals(created.id(), replaced.id());
        assertEquals(name, replaced.text("name"), "URL key wins");
        assertTrue(replaced.get("paths").isNull(), "PUT replaces: paths gone");
        assertEquals(true, replaced.get("strip_path").asBoolean(false), "PUT replaces: default back");

        HttpResult patched = assertStatus(200, admin.patch("/routes/" + replaced.id(), Json.obj("preserve_host", true)));
        assertEquals(true, patched.get("preserve_host").asBoolean(false));
        assertEquals(Json.parse("[\"top.example.com\"]"), patched.get("hosts"));

        String missing = Names.unique("missing");
        assertBody(404, """
                {"code":6,"name":"not found",
                 "message":"could not find the entity with '{name=\\"%s\\"}'",
                 "fields":{"name":"%s"}}""".formatted(missing, missing),
                admin.patch("/routes/" + missing, Json.obj("preserve_host", true)));
        assertStatus(204, admin.delete("/routes/" + name));
        assertStatus(204, admin.delete("/routes/" + name));
        assertBody(404, "{\"message\":\"Not found\"}", admin.get("/routes/" + name));
    }

    @Test
    void routeServiceForeignEntityEndpoint() {
        String svc = Names.unique("svc");
        newService(svc);
        HttpResult route = assertStatus(201, admin.post("/services/" + svc + "/routes",
                Json.obj("name", Names.unique("r"), "paths", List.of("/fk"))));

        HttpResult service = assertStatus(200, admin.get("/routes/" + route.text("name") + "/service"));
        assertEquals(admin.get("/services/" + svc).json(), service.json());

        HttpResult patched = assertStatus(200, admin.patch("/routes/" + route.id() + "/service", Json.obj("port", 9090)));
        assertEquals(9090, patched.get("port").asInt());
        assertEquals(9090, admin.get("/services/" + svc).get("port").asInt());

        assertBody(405, "{\"message\":\"Method not allowed\"}", admin.delete("/routes/" + route.id() + "/service"));

        HttpResult orphan = assertStatus(201, admin.post("/routes",
                Json.obj("name", Names.unique("orphan"), "paths", List.of("/orphan"))));
        assertTrue(orphan.get("service").isNull());
        assertBody(404, "{\"message\":\"Not found\"}", admin.get("/routes/" + orphan.id() + "/service"));
    }

    @Test
    void serviceReferenceByNameIsResolved() {
        String svc = Names.unique("svc");
        HttpResult service = newService(svc);
        HttpResult route = assertStatus(201, admin.post("/routes",
                Json.obj("paths", List.of("/by-name"), "service", Json.node("name", svc))));
        assertEquals(Json.parse("{\"id\":\"" + service.id() + "\"}"), route.get("service"));
    }

    @Test
    void missingServiceReferenceIsForeignKeyViolation() {
        String id = randomUuid();
        assertBody(400, """
                {"code":4,"name":"foreign key violation",
                 "message":"the foreign key '{id=\\"%s\\"}' does not reference an existing 'services' entity.",
                 "fields":{"service":{"id":"%s"}}}""".formatted(id, id),
                admin.post("/routes", Json.obj("paths", List.of("/x"), "service", Json.node("id", id))));

        String missing = Names.unique("nope");
        HttpResult unresolved = assertStatus(400, admin.post("/routes",
                Json.obj("paths", List.of("/x"), "service", Json.node("name", missing))));
        assertEquals(13, unresolved.get("code").asInt(), unresolved.toString());
        assertEquals("foreign keys unresolved", unresolved.text("name"));
        assertEquals("foreign key unresolved (service.name: the foreign key cannot be resolved with '{name=\""
                + missing + "\"}' for an existing 'services' entity)", unresolved.text("message"));
    }

    @Test
    void routeWithoutMatchingFieldsIsAnEntityError() {
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"schema violation (must set one of 'methods', 'hosts', 'headers', 'paths' when 'protocols' is 'http')",
                 "fields":{"@entity":["must set one of 'methods', 'hosts', 'headers', 'paths' when 'protocols' is 'http'"]}}""",
                admin.post("/routes", Json.obj("protocols", List.of("http"))));
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"schema violation (must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' when 'protocols' is 'https')",
                 "fields":{"@entity":["must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' when 'protocols' is 'https'"]}}""",
                admin.post("/routes", Json.obj("protocols", List.of("https"))));
    }

    @Test
    void routeFieldValidation() {
        HttpResult redirect = assertStatus(400, admin.post("/routes",
                Json.obj("paths", List.of("/x"), "https_redirect_status_code", 400)));
        assertEquals(2, redirect.get("code").asInt(), redirect.toString());
        assertTrue(redirect.get("fields").path("https_redirect_status_code").asText().startsWith("expected one of: "),
                redirect.toString());
        // Kong reports a failed conditional check twice: then_err under @entity, and the field's own error.
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"2 schema violations ('snis' can only be set when 'protocols' is 'grpcs', 'https', 'tls' or 'tls_passthrough'; snis: length must be 0)",
                 "fields":{"@entity":["'snis' can only be set when 'protocols' is 'grpcs', 'https', 'tls' or 'tls_passthrough'"],
                           "snis":"length must be 0"}}""",
                admin.post("/routes", Json.obj("protocols", List.of("http"), "paths", List.of("/x"),
                        "snis", List.of("example.com"))));
        HttpResult hostHeader = assertStatus(400, admin.post("/routes", Json.obj("paths", List.of("/x"),
                "headers", Json.node("host", List.of("example.com")))));
        assertEquals(2, hostHeader.get("code").asInt());
        assertEquals("cannot contain 'host' header, which must be specified in the 'hosts' attribute",
                hostHeader.get("fields").path("headers").asText(), hostHeader.toString());
    }

    @Test
    void routePluginsNestedCollection() {
        HttpResult route = assertStatus(201, admin.post("/routes",
                Json.obj("name", Names.unique("r"), "paths", List.of("/rp"))));
        HttpResult plugin = assertStatus(201, admin.post("/routes/" + route.text("name") + "/plugins",
                Json.obj("name", "key-auth")));
        assertEquals(Json.parse("{\"id\":\"" + route.id() + "\"}"), plugin.get("route"));
        assertTrue(plugin.get("service").isNull());
        assertTrue(plugin.get("consumer").isNull());
        HttpResult list = assertStatus(200, admin.get("/routes/" + route.id() + "/plugins"));
        assertEquals(List.of(plugin.id()), ids(list));
        assertEquals(plugin.json(), assertStatus(200,
                admin.get("/routes/" + route.id() + "/plugins/" + plugin.id())).json());

        // Deleting the route takes its plugins with it (on_delete cascade).
        assertStatus(204, admin.delete("/routes/" + route.id()));
        assertStatus(404, admin.get("/plugins/" + plugin.id()));
    }
}
