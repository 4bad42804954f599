package io.gatehouse.it;

import static io.gatehouse.it.support.KongAssertions.assertBody;
import static io.gatehouse.it.support.KongAssertions.assertKeys;
import static io.gatehouse.it.support.KongAssertions.assertRecentSeconds;
import static io.gatehouse.it.support.KongAssertions.assertStatus;
import static io.gatehouse.it.support.KongAssertions.assertUuid;
import static io.gatehouse.it.support.KongAssertions.randomUuid;
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

/** Services: CRUD verbs, defaults, validation and error bodies (spec §0, §1.1, §2.1, §2.3). */
@ExtendWith(ArquillianExtension.class)
class ServicesIT {

    static final String[] SERVICE_FIELDS = {"id", "created_at", "updated_at", "name", "retries", "protocol", "host",
        "port", "path", "connect_timeout", "write_timeout", "read_timeout", "tags", "client_certificate",
        "tls_verify", "tls_verify_depth", "ca_certificates", "enabled"};

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    private final AdminClient admin = new AdminClient();

    @Test
    void postCreatesWithEveryFieldAndKongDefaults() {
        String name = Names.unique("svc");
        HttpResult created = assertStatus(201, admin.post("/services", Json.obj("name", name, "host", "example.com")));
        assertKeys(created.json(), SERVICE_FIELDS);
        assertUuid(created.get("id"));
        assertRecentSeconds(created.get("created_at"));
        assertRecentSeconds(created.get("updated_at"));
        assertEquals(name, created.text("name"));
        assertEquals("example.com", created.text("host"));
        assertEquals(80, created.get("port").asInt());
        assertTrue(created.get("port").isInt(), "port is an integer");
        assertEquals("http", created.text("protocol"));
        assertEquals(5, created.get("retries").asInt());
        assertEquals(60000, created.get("connect_timeout").asInt());
        assertEquals(60000, created.get("write_timeout").asInt());
        assertEquals(60000, created.get("read_timeout").asInt());
        assertEquals(true, created.get("enabled").asBoolean(false));
        for (String nullField : List.of("path", "tags", "client_certificate", "tls_verify", "tls_verify_depth",
                "ca_certificates")) {
            assertTrue(created.get(nullField).isNull(), nullField + " is rendered as null: " + created);
        }
    }

    @Test
    void getByIdAndByNameReturnTheSameEntity() {
        String name = Names.unique("svc");
        HttpResult created = assertStatus(201, admin.post("/services", Json.obj("name", name, "host", "example.com")));
        HttpResult byId = assertStatus(200, admin.get("/services/" + created.id()));
        HttpResult byName = assertStatus(200, admin.get("/services/" + name));
        assertEquals(created.json(), byId.json());
        assertEquals(created.json(), byName.json());
    }

    @Test
    void aSuppliedIdIsKept() {
        String id = randomUuid();
        HttpResult created = assertStatus(201, admin.post("/services", Json.obj("id", id, "host", "example.com")));
        assertEquals(id, created.id());
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"schema violation (id: expected a valid UUID)",
                 "fields":{"id":"expected a valid UUID"}}""",
                admin.post("/services", Json.obj("id", "not-a-uuid", "host", "example.com")));
    }

    @Test
    void putCreatesThenFullyReplacesAnd200BothTimes() {
        String name = Names.unique("svc");
        HttpResult first = assertStatus(200, admin.put("/services/" + name,
                Json.obj("host", "a.example.com", "port", 8080, "retries", 2)));
        assertKeys(first.json(), SERVICE_FIELDS);
        assertEquals(name, first.text("name"), "the URL key names the new service");
        assertEquals(8080, first.get("port").asInt());
        assertEquals(200, admin.get("/services/" + name).status());

        // URL key wins over the body; omitted fields go back to their defaults.
        HttpResult second = assertStatus(200, admin.put("/services/" + name,
                Json.obj("host", "b.example.com", "name", Names.unique("other"))));
        assertEquals(first.id(), second.id(), "same entity replaced");
        assertEquals(name, second.text("name"), "URL key wins");
        assertEquals("b.example.com", second.text("host"));
        assertEquals(80, second.get("port").asInt(), "omitted port back to default");
        assertEquals(5, second.get("retries").asInt(), "omitted retries back to default");
        assertEquals(second.json(), admin.get("/services/" + name).json());
    }

    @Test
    void putByIdForcesTheUrlId() {
        String id = randomUuid();
        HttpResult put = assertStatus(200, admin.put("/services/" + id,
                Json.obj("id", randomUuid(), "host", "example.com")));
        assertEquals(id, put.id(), "the URL id wins over the body's id");
        assertTrue(put.get("name").isNull());
        assertEquals(200, admin.get("/services/" + id).status());
    }

    @Test
    void putWithoutRequiredFieldsIs400() {
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"schema violation (host: required field missing)",
                 "fields":{"host":"required field missing"}}""",
                admin.put("/services/" + Names.unique("svc"), "{}"));
    }

    @Test
    void patchMergesAndReturns200() {
        String name = Names.unique("svc");
        HttpResult created = assertStatus(201, admin.post("/services",
                Json.obj("name", name, "host", "example.com", "port", 8080, "path", "/base")));
        HttpResult patched = assertStatus(200, admin.patch("/services/" + name, Json.obj("port", 8443)));
        assertEquals(8443, patched.get("port").asInt());
        assertEquals("example.com", patched.text("host"), "untouched fields stay");
        assertEquals("/base", patched.text("path"), "untouched fields stay");
        assertEquals(created.id(), patched.id());
        assertTrue(patched.get("updated_at").asLong() >= created.get("created_at").asLong());

        HttpResult byId = assertStatus(200, admin.patch("/services/" + created.id(),
                Json.obj("path", null, "tags", List.of("x"))));
        assertTrue(byId.get("path").isNull(), "JSON null clears a field");
        assertEquals(Json.parse("[\"x\"]"), byId.get("tags"));
        assertEquals(8443, byId.get("port").asInt());
    }

    @Test
    void patchOfAMissingServiceIs404NotFoundError() {
        String name = Names.unique("missing");
        assertBody(404, """
                {"code":6,"name":"not found",
                 "message":"could not find the entity with '{name=\\"%s\\"}'",
                 "fields":{"name":"%s"}}""".formatted(name, name),
                admin.patch("/services/" + name, Json.obj("port", 81)));
        String id = randomUuid();
        assertBody(404, """
                {"code":6,"name":"not found",
                 "message":"could not find the entity with primary key '{id=\\"%s\\"}'",
                 "fields":{"id":"%s"}}""".formatted(id, id),
                admin.patch("/services/" + id, Json.obj("port", 81)));
    }

    @Test
    void deleteIs204EvenWhenMissing() {
        String name = Names.unique("svc");
        assertStatus(201, admin.post("/services", Json.obj("name", name, "host", "example.com")));
        HttpResult deleted = assertStatus(204, admin.delete("/services/" + name));
        assertEquals("", deleted.body());
        assertBody(404, "{\"message\":\"Not found\"}", admin.get("/services/" + name));
        assertStatus(204, admin.delete("/services/" + name));
        assertStatus(204, admin.delete("/services/" + randomUuid()));
    }

    @Test
    void duplicateNameIs409UniqueViolation() {
        String name = Names.unique("svc");
        assertStatus(201, admin.post("/services", Json.obj("name", name, "host", "example.com")));
        assertBody(409, """
                {"code":5,"name":"unique constraint violation",
                 "message":"UNIQUE violation detected on '{name=\\"%s\\"}'",
                 "fields":{"name":"%s"}}""".formatted(name, name),
                admin.post("/services", Json.obj("name", name, "host", "other.example.com")));
    }

    @Test
    void schemaViolationsAreReportedPerField() {
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"schema violation (protocol: expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp)",
                 "fields":{"protocol":"expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp"}}""",
                admin.post("/services", Json.obj("host", "example.com", "protocol", "foo")));
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"schema violation (foo: unknown field)",
                 "fields":{"foo":"unknown field"}}""",
                admin.post("/services", Json.obj("host", "example.com", "foo", "bar")));
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"schema violation (port: value should be between 0 and 65535)",
                 "fields":{"port":"value should be between 0 and 65535"}}""",
                admin.post("/services", Json.obj("host", "example.com", "port", 70000)));
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"schema violation (port: expected an integer)",
                 "fields":{"port":"expected an integer"}}""",
                admin.post("/services", Json.obj("host", "example.com", "port", "eighty")));
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"schema violation (host: must not have a port)",
                 "fields":{"host":"must not have a port"}}""",
                admin.post("/services", Json.obj("host", "example.com:8080")));
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"schema violation (path: should start with: /)",
                 "fields":{"path":"should start with: /"}}""",
                admin.post("/services", Json.obj("host", "example.com", "path", "relative")));
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"schema violation (name: invalid value 'bad name!': the only accepted ascii characters are alphanumerics or ., -, _, and ~)",
                 "fields":{"name":"invalid value 'bad name!': the only accepted ascii characters are alphanumerics or ., -, _, and ~"}}""",
                admin.post("/services", Json.obj("name", "bad name!", "host", "example.com")));
    }

    @Test
    void severalViolationsAreCountedAndSortedByField() {
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"3 schema violations (host: required field missing; port: value should be between 0 and 65535; protocol: expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp)",
                 "fields":{"host":"required field missing",
                           "port":"value should be between 0 and 65535",
                           "protocol":"expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp"}}""",
                admin.post("/services", Json.obj("protocol", "foo", "port", 70000)));
    }

    @Test
    void urlShorthandIsParsedAndNeverReturned() {
        HttpResult full = assertStatus(201, admin.post("/services",
                Json.obj("name", Names.unique("url"), "url", "https://example.org:8443/base")));
        assertEquals("https", full.text("protocol"));
        assertEquals("example.org", full.text("host"));
        assertEquals(8443, full.get("port").asInt());
        assertEquals("/base", full.text("path"));
        assertFalse(full.json().has("url"), "url is write-only");

        HttpResult noPath = assertStatus(201, admin.post("/services", Json.obj("url", "http://example.org")));
        assertEquals(80, noPath.get("port").asInt());
        assertTrue(noPath.get("path").isNull(), "a URL without a path gives path null");

        HttpResult https = assertStatus(201, admin.post("/services", Json.obj("url", "https://example.org/x")));
        assertEquals(443, https.get("port").asInt(), "https without a port is 443");

        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"2 schema violations (host: required field missing; path: should start with: /)",
                 "fields":{"host":"required field missing","path":"should start with: /"}}""",
                admin.post("/services", Json.obj("url", "invalid url")));
    }

    @Test
    void deletingAServiceThatRoutesUseIs400ForeignKeyViolation() {
        String name = Names.unique("svc");
        HttpResult service = assertStatus(201, admin.post("/services", Json.obj("name", name, "host", "example.com")));
        HttpResult route = assertStatus(201, admin.post("/services/" + name + "/routes",
                Json.obj("paths", List.of("/" + name))));
        assertBody(400, """
                {"code":4,"name":"foreign key violation",
                 "message":"an existing 'routes' entity references this 'services' entity",
                 "fields":{"@referenced_by":"routes"}}""",
                admin.delete("/services/" + name));
        assertStatus(200, admin.get("/services/" + service.id()));
        assertStatus(204, admin.delete("/routes/" + route.id()));
        assertStatus(204, admin.delete("/services/" + name));
        assertStatus(404, admin.get("/services/" + service.id()));
    }

    @Test
    void disabledServiceIsStored() {
        HttpResult created = assertStatus(201, admin.post("/services",
                Json.obj("name", Names.unique("off"), "host", "example.com", "enabled", false)));
        assertEquals(false, created.get("enabled").asBoolean(true));
    }
}
