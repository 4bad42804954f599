package io.gatehouse.it;

import static io.gatehouse.it.support.KongAssertions.arrayContainsText;
import static io.gatehouse.it.support.KongAssertions.assertBody;
import static io.gatehouse.it.support.KongAssertions.assertKeys;
import static io.gatehouse.it.support.KongAssertions.assertRecentSeconds;
import static io.gatehouse.it.support.KongAssertions.assertStatus;
import static io.gatehouse.it.support.KongAssertions.assertUuid;
import static io.gatehouse.it.support.KongAssertions.ids;
import static io.gatehouse.it.support.KongAssertions.sortedIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.it.support.AdminClient;
import io.gatehouse.it.support.Await;
import io.gatehouse.it.support.Deployments;
import io.gatehouse.it.support.HttpResult;
import io.gatehouse.it.support.Json;
import io.gatehouse.it.support.Names;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Plugins: scoping, defaults from the plugin schema, validation and uniqueness (spec §1.4, §4.4, §4.5). */
@ExtendWith(ArquillianExtension.class)
class PluginsIT {

    static final String KEY_AUTH_DEFAULT_CONFIG = """
            {"key_names":["apikey"],"hide_credentials":false,"anonymous":null,"key_in_header":true,
             "key_in_query":true,"key_in_body":false,"run_on_preflight":true,"realm":null}""";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    private final AdminClient admin = new AdminClient();

    private HttpResult newService(String name) {
        return assertStatus(201, admin.post("/services", Json.obj("name", name, "host", "example.com")));
    }

    @Test
    void servicePluginGetsSchemaDefaults() {
        String svc = Names.unique("svc");
        HttpResult service = newService(svc);
        HttpResult plugin = assertStatus(201, admin.post("/services/" + svc + "/plugins", Json.obj("name", "key-auth")));
        assertKeys(plugin.json(), "id", "created_at", "updated_at", "name", "instance_name", "route", "service",
                "consumer", "config", "protocols", "enabled", "tags");
        assertUuid(plugin.get("id"));
        assertRecentSeconds(plugin.get("created_at"));
        assertEquals("key-auth", plugin.text("name"));
        assertEquals(Json.parse("{\"id\":\"" + service.id() + "\"}"), plugin.get("service"));
        assertTrue(plugin.get("route").isNull());
        assertTrue(plugin.get("consumer").isNull());
        assertTrue(plugin.get("instance_name").isNull());
        assertTrue(plugin.get("tags").isNull());
        assertEquals(true, plugin.get("enabled").asBoolean(false));
        assertEquals(Json.parse("[\"grpc\",\"grpcs\",\"http\",\"https\"]"), plugin.get("protocols"));
        assertEquals(Json.parse(KEY_AUTH_DEFAULT_CONFIG), plugin.get("config"));

        assertEquals(plugin.json(), assertStatus(200, admin.get("/plugins/" + plugin.id())).json());
        assertEquals(plugin.json(), assertStatus(200, admin.get("/services/" + svc + "/plugins/" + plugin.id())).json());
        assertEquals(List.of(plugin.id()), ids(assertStatus(200, admin.get("/services/" + service.id() + "/plugins"))));
    }

    @Test
    void basicAuthDefaults() {
        String svc = Names.unique("svc");
        newService(svc);
        HttpResult plugin = assertStatus(201, admin.post("/services/" + svc + "/plugins", Json.obj("name", "basic-auth")));
        assertEquals(Json.parse("{\"anonymous\":null,\"hide_credentials\":false,\"realm\":\"service\"}"),
                plugin.get("config"));
    }

    @Test
    void pluginsInUseAreEnabledInCluster() {
        String svc = Names.unique("svc");
        newService(svc);
        assertStatus(201, admin.post("/services/" + svc + "/plugins", Json.obj("name", "basic-auth")));
        // enabled_in_cluster comes from the configuration snapshot, which a write reaches asynchronously.
        Await.until(Duration.ofSeconds(20), () -> admin.get("/"),
                root -> arrayContainsText(root.get("plugins").path("enabled_in_cluster"), "basic-auth"),
                "basic-auth in plugins.enabled_in_cluster");
    }

    @Test
    void samePluginTwiceOnOneScopeIs409() {
        String svc = Names.unique("svc");
        HttpResult service = newService(svc);
        assertStatus(201, admin.post("/services/" + svc + "/plugins", Json.obj("name", "basic-auth")));
        assertBody(409, """
                {"code":5,"name":"unique constraint violation",
                 "message":"UNIQUE violation detected on '{consumer=null,name=\\"basic-auth\\",route=null,service={id=\\"%s\\"}}'",
                 "fields":{"consumer":null,"name":"basic-auth","route":null,"service":{"id":"%s"}}}"""
                        .formatted(service.id(), service.id()),
                admin.post("/services/" + svc + "/plugins", Json.obj("name", "basic-auth")));
        // A different plugin on the same service is fine.
        assertStatus(201, admin.post("/services/" + svc + "/plugins", Json.obj("name", "key-auth")));
    }

    @Test
    void reusingAPluginIdIs409LegacyBody() {
        String svc = Names.unique("svc");
        newService(svc);
        HttpResult plugin = assertStatus(201, admin.post("/services/" + svc + "/plugins", Json.obj("name", "key-auth")));
        String other = Names.unique("svc");
        newService(other);
        assertBody(409, "{\"id\":\"already exists with value '" + plugin.id() + "'\"}",
                admin.post("/services/" + other + "/plugins", Json.obj("id", plugin.id(), "name", "key-auth")));
    }

    @Test
    void unknownPluginIsNotEnabled() {
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"schema violation (name: plugin 'nope' not enabled; add it to the 'plugins' configuration property)",
                 "fields":{"name":"plugin 'nope' not enabled; add it to the 'plugins' configuration property"}}""",
                admin.post("/plugins", Json.obj("name", "nope")));
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"schema violation (name: required field missing)",
                 "fields":{"name":"required field missing"}}""",
                admin.post("/plugins", Json.obj("config", Json.node())));
    }

    @Test
    void configErrorsAreNested() {
        String svc = Names.unique("svc");
        newService(svc);
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"schema violation (config.hide_credentials: expected a boolean)",
                 "fields":{"config":{"hide_credentials":"expected a boolean"}}}""",
                admin.post("/services/" + svc + "/plugins",
                        Json.obj("name", "key-auth", "config", Json.node("hide_credentials", "maybe"))));
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"schema violation (config.foo: unknown field)",
                 "fields":{"config":{"foo":"unknown field"}}}""",
                admin.post("/services/" + svc + "/plugins",
                        Json.obj("name", "key-auth", "config", Json.node("foo", 1))));
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"2 schema violations (config.hide_credentials: expected a boolean; config.key_in_body: expected a boolean)",
                 "fields":{"config":{"hide_credentials":"expected a boolean","key_in_body":"expected a boolean"}}}""",
                admin.post("/services/" + svc + "/plugins", Json.obj("name", "key-auth",
                        "config", Json.node("hide_credentials", "x", "key_in_body", "y"))));
    }

    @Test
    void patchMergesConfigAndPutReplaces() {
        String svc = Names.unique("svc");
        newService(svc);
        HttpResult plugin = assertStatus(201, admin.post("/services/" + svc + "/plugins",
                Json.obj("name", "key-auth", "config", Json.node("key_names", List.of("x-key")))));
        HttpResult patched = assertStatus(200, admin.patch("/plugins/" + plugin.id(),
                Json.obj("config", Json.node("hide_credentials", true))));
        assertEquals(Json.parse("[\"x-key\"]"), patched.get("config").path("key_names"), "merged, not replaced");
        assertEquals(true, patched.get("config").path("hide_credentials").asBoolean(false));

        HttpResult disabled = assertStatus(200, admin.patch("/plugins/" + plugin.id(), Json.obj("enabled", false)));
        assertEquals(false, disabled.get("enabled").asBoolean(true));
        assertEquals(true, disabled.get("config").path("hide_credentials").asBoolean(false));

        HttpResult put = assertStatus(200, admin.put("/plugins/" + plugin.id(),
                Json.obj("name", "key-auth", "service", Json.node("name", svc))));
        assertEquals(Json.parse(KEY_AUTH_DEFAULT_CONFIG), put.get("config"), "PUT is a full replacement");
        assertEquals(true, put.get("enabled").asBoolean(false));

        String missing = java.util.UUID.randomUUID().toString();
        assertStatus(404, admin.patch("/plugins/" + missing, Json.obj("enabled", false)));
    }

    @Test
    void instanceNameIsTheEndpointKey() {
        String svc = Names.unique("svc");
        newService(svc);
        String instance = Names.unique("inst");
        HttpResult plugin = assertStatus(201, admin.post("/services/" + svc + "/plugins",
                Json.obj("name", "key-auth", "instance_name", instance)));
        assertEquals(instance, plugin.text("instance_name"));
        assertEquals(plugin.json(), assertStatus(200, admin.get("/plugins/" + instance)).json());
        assertStatus(204, admin.delete("/plugins/" + instance));
        assertBody(404, "{\"message\":\"Not found\"}", admin.get("/plugins/" + plugin.id()));
        assertStatus(204, admin.delete("/plugins/" + instance));
    }

    @Test
    void deletingAServiceCascadesItsPlugins() {
        String svc = Names.unique("svc");
        newService(svc);
        HttpResult a = assertStatus(201, admin.post("/services/" + svc + "/plugins", Json.obj("name", "key-auth")));
        HttpResult b = assertStatus(201, admin.post("/services/" + svc + "/plugins", Json.obj("name", "basic-auth")));
        assertEquals(sortedIds(List.of(a.id(), b.id())), ids(admin.get("/services/" + svc + "/plugins")));
        assertStatus(204, admin.delete("/services/" + svc));
        assertStatus(404, admin.get("/plugins/" + a.id()));
        assertStatus(404, admin.get("/plugins/" + b.id()));
    }

    @Test
    void pluginForeignEntityEndpoints() {
        String svc = Names.unique("svc");
        HttpResult service = newService(svc);
        HttpResult plugin = assertStatus(201, admin.post("/services/" + svc + "/plugins", Json.obj("name", "key-auth")));
        assertEquals(service.json(), assertStatus(200, admin.get("/plugins/" + plugin.id() + "/service")).json());
        assertBody(404, "{\"message\":\"Not found\"}", admin.get("/plugins/" + plugin.id() + "/route"));
        assertBody(404, "{\"message\":\"Not found\"}", admin.get("/plugins/" + plugin.id() + "/consumer"));
    }
}
