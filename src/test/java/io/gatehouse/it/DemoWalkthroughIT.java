package io.gatehouse.it;

import static io.gatehouse.it.support.KongAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.demo.DemoContent;
import io.gatehouse.demo.DemoFile;
import io.gatehouse.demo.DemoRegistrar;
import io.gatehouse.it.proxy.support.RawHttp;
import io.gatehouse.it.support.AdminClient;
import io.gatehouse.it.support.Await;
import io.gatehouse.it.support.Deployments;
import io.gatehouse.it.support.HttpResult;
import io.gatehouse.it.support.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
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
 * The README's walkthrough "Kong, manage your Flask APIs" (drafted in src/demo-walkthrough.md),
 * request for request, against a Tomcat started with the demo platform on, like the first Quick start
 * command: qualifier tomcat-demo in arquillian.xml, proxy 22000 and Admin API 22001 standing for
 * 8000 and 8001, the demo APIs on 22101-22103 standing for 9001-9003, and a gatehouse.home that
 * the test empties first so the node starts like a first run.
 *
 * <p>Proxy requests are sent byte for byte like curl's (with their Host headers). A proxy
 * request that follows an Admin API change is polled until it gives the README's answer,
 * because changes reach the proxy asynchronously; everything else is asserted once.
 */
@ExtendWith(ArquillianExtension.class)
class DemoWalkthroughIT {

    static final String CONTAINER = "tomcat-demo";
    static final String DEPLOYMENT = "gatehouse-demo";
    static final int PROXY_PORT = 22000;
    static final String NO_AUTH_API = "http://127.0.0.1:22101";
    static final String KEY_AUTH_API = "http://127.0.0.1:22102";
    static final String BASIC_AUTH_API = "http://127.0.0.1:22103";
    static final String BRANDON = "Basic QWxhZGRpbjpPcGVuU2VzYW1l";
    static final Duration PROPAGATION = Duration.ofSeconds(20);

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(CONTAINER)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    @ArquillianResource
    private ContainerController controller;

    @ArquillianResource
    private Deployer deployer;

    private final AdminClient admin = new AdminClient("http://127.0.0.1:22001");

    @Test
    void theReadmeWalkthroughWorksVerbatimOnTheDemoPlatform() throws Exception {
        deleteRecursively(Path.of(System.getProperty("tomcat.home"), "..", "it-demo-home").normalize());
        controller.start(CONTAINER);
        try {
            deployer.deploy(DEPLOYMENT);
            try {
                theDemoRegistersItselfThroughTheAdminApi();
                step1TheOpenApi();
                String geekJokes = step2AddAnApi();
                step3ProtectAnApiWithKeyAuth();
                step4AConsumerWithAKey();
                step5BasicAuthentication(geekJokes);
                startOver();
                applyingTheDemoFileAgainChangesNothing();
            } finally {
                deployer.undeploy(DEPLOYMENT);
            }
        } finally {
            controller.stop(CONTAINER);
        }
    }

    /** The first Quick start command: the demo APIs run, and the demo file was applied through the Admin API. */
    private void theDemoRegistersItselfThroughTheAdminApi() {
        // Registration runs in the background once the Admin API answers: poll until its last
        // call has reached the proxy. Brandon's 200 alone is not enough: between the route and its
        // basic-auth plugin the route is briefly open to everyone, so the plugin must answer 401
        // to a request without credentials in the same poll.
        await(() -> proxy("GET", "/basic-auth", "Host", "basic-auth.com").status() == 401
                        && proxy("GET", "/basic-auth", "Host", "basic-auth.com", "Authorization", BRANDON).status() == 200,
                registered -> registered, "the demo registration (basic-auth on, Brandon's credential in)");

        assertEquals(NO_AUTH_API, urlOf(assertStatus(200, admin.get("/services/api-no-auth"))));
        assertEquals(KEY_AUTH_API, urlOf(assertStatus(200, admin.get("/services/api-key-auth"))));
        assertEquals(BASIC_AUTH_API, urlOf(assertStatus(200, admin.get("/services/api-basic-auth"))));
        HttpResult route = assertStatus(200, admin.get("/routes/api-no-auth"));
        assertEquals(Json.parse("[\"no-auth.com\"]"), route.get("hosts"));
        assertEquals(Json.parse("[\"/no-auth\"]"), route.get("paths"));
        assertEquals(Json.parse("[\"key-auth.com\"]"), admin.get("/routes/api-key-auth").get("hosts"));
        assertEquals(Json.parse("[\"/basic-auth\"]"), admin.get("/routes/api-basic-auth").get("paths"));
        assertEquals("key-auth", admin.get("/plugins/0d3c5e29-6b1a-4f0e-9d4c-8a7f2b1e6c01").text("name"));
        HttpResult basicAuth = assertStatus(200, admin.get("/plugins/0d3c5e29-6b1a-4f0e-9d4c-8a7f2b1e6c02"));
        assertEquals("basic-auth", basicAuth.text("name"));
        assertTrue(basicAuth.get("config").path("hide_credentials").asBoolean(), basicAuth.toString());
        assertStatus(200, admin.get("/consumers/Jason/key-auth/key_password"));
        assertEquals("brandon_id", admin.get("/consumers/Brandon").text("custom_id"));
        assertStatus(200, admin.get("/consumers/Brandon/basic-auth/Aladdin"));
    }

    private static String urlOf(HttpResult service) {
        return service.text("protocol") + "://" + service.text("host") + ":" + service.get("port").asInt();
    }

    private void step1TheOpenApi() {
        // curl -i http://localhost:8000/no-auth -H 'Host: no-auth.com'
        RawHttp.Response root = proxy("GET", "/no-auth", "Host", "no-auth.com");
        assertEquals(200, root.status(), root::toString);
        assertTrue(root.header("Via").contains("gatehouse/"), root::toString);
        assertTrue(root.header("Content-Type").startsWith("application/json"), root::toString);
        assertEquals("no-auth", root.json().path("api").asText());
        assertEquals("Hello from the no-auth demo API of Gatehouse", root.json().path("message").asText());
        assertEquals(Json.parse("[\"/\",\"/json\",\"/text\",\"/headers\",\"/joke\"]"), root.json().path("endpoints"));

        // curl -i http://localhost:8000/no-auth/json -H 'Host: no-auth.com'
        RawHttp.Response json = proxy("GET", "/no-auth/json", "Host", "no-auth.com");
        assertEquals(200, json.status(), json::toString);
        assertEquals("json", json.json().path("format").asText());
        assertEquals(Json.parse("{\"id\":1,\"name\":\"alpha\",\"active\":true}"), json.json().path("items").path(0));

        // curl -i http://localhost:8000/no-auth/text -H 'Host: no-auth.com'
        RawHttp.Response text = proxy("GET", "/no-auth/text", "Host", "no-auth.com");
        assertEquals(200, text.status(), text::toString);
        assertTrue(text.header("Content-Type").startsWith("text/plain"), text::toString);
        assertEquals("Hello from the no-auth demo API of Gatehouse, in plain text.\n", text.text());
    }

    /** Returns the id of the geek-jokes API. */
    private String step2AddAnApi() {
        // curl -i -X POST --url http://localhost:8001/apis/ --data 'name=geek-jokes' --data 'uris=/jokes'
        //      --data 'upstream_url=http://127.0.0.1:9001/joke'
        HttpResult api = assertStatus(201, admin.post("/apis/",
                "name=geek-jokes&uris=/jokes&upstream_url=" + NO_AUTH_API + "/joke"));
        assertEquals("geek-jokes", api.text("name"));
        assertEquals(Json.parse("[\"/jokes\"]"), api.get("uris"));
        assertEquals(NO_AUTH_API + "/joke", api.text("upstream_url"));
        assertTrue(api.get("strip_uri").asBoolean());
        assertFalse(api.get("preserve_host").asBoolean(true));
        assertEquals(5, api.get("retries").asInt());

        // curl -i http://localhost:8000/jokes
        RawHttp.Response joke = await(() -> proxy("GET", "/jokes"), r -> r.status() == 200, "the geek-jokes API");
        assertTrue(joke.header("Via").contains("gatehouse/"), joke::toString);
        assertTrue(DemoContent.JOKES.contains(joke.json().path("joke").asText()), joke::toString);
        return api.id();
    }

    private void step3ProtectAnApiWithKeyAuth() {
        // curl -i -X POST --url http://localhost:8001/apis/ --data 'name=profile-generator'
        //      --data 'hosts=profile-generator.com' --data 'upstream_url=http://127.0.0.1:9002/profile'
        HttpResult api = assertStatus(201, admin.post("/apis/",
                "name=profile-generator&hosts=profile-generator.com&upstream_url=" + KEY_AUTH_API + "/profile"));
        assertEquals(Json.parse("[\"profile-generator.com\"]"), api.get("hosts"));

        // curl -i http://localhost:8000/ -H 'Host: profile-generator.com'
        RawHttp.Response profile = await(() -> proxy("GET", "/", "Host", "profile-generator.com"),
                r -> r.status() == 200, "the profile-generator API");
        assertProfile(profile);

        // curl -i -X POST --url http://localhost:8001/apis/profile-generator/plugins/ --data 'name=key-auth'
        HttpResult plugin = assertStatus(201, admin.post("/apis/profile-generator/plugins/", "name=key-auth"));
        assertEquals("key-auth", plugin.text("name"));
        assertEquals(api.id(), plugin.text("api_id"));
        assertEquals(Json.parse("[\"apikey\"]"), plugin.get("config").path("key_names"));
        assertFalse(plugin.get("config").path("hide_credentials").asBoolean(true));
        assertTrue(plugin.get("enabled").asBoolean());

        // curl -i http://localhost:8000/ -H 'Host: profile-generator.com'
        RawHttp.Response noKey = await(() -> proxy("GET", "/", "Host", "profile-generator.com"),
                r -> r.status() == 401, "key-auth on the profile-generator API");
        assertKongError("No API key found in request", noKey);
        assertEquals("Key", noKey.header("WWW-Authenticate"));
    }

    private void step4AConsumerWithAKey() {
        // curl -i -X POST --url http://localhost:8001/consumers/ --data 'username=Eddie'
        HttpResult eddie = assertStatus(201, admin.post("/consumers/", "username=Eddie"));
        assertEquals("Eddie", eddie.text("username"));
        assertTrue(eddie.get("custom_id").isNull());
        assertTrue(eddie.get("tags").isNull());

        // curl -i -X POST --url http://localhost:8001/consumers/Eddie/key-auth/ --data 'key=eddie_secret_key'
        HttpResult key = assertStatus(201, admin.post("/consumers/Eddie/key-auth/", "key=eddie_secret_key"));
        assertEquals("eddie_secret_key", key.text("key"));
        assertEquals(eddie.id(), key.get("consumer").path("id").asText());

        // curl -i http://localhost:8000/ -H 'Host: profile-generator.com' -H 'apikey: eddie_secret_key'
        RawHttp.Response profile = await(() -> proxy("GET", "/", "Host", "profile-generator.com",
                "apikey", "eddie_secret_key"), r -> r.status() == 200, "Eddie's key");
        assertProfile(profile);

        // curl -i http://localhost:8000/ -H 'Host: profile-generator.com' -H 'apikey: wrong_key'
        RawHttp.Response wrong = proxy("GET", "/", "Host", "profile-generator.com", "apikey", "wrong_key");
        assertKongError("Unauthorized", wrong);
        assertEquals(401, wrong.status());
        assertEquals("Key", wrong.header("WWW-Authenticate"));

        // curl -i http://localhost:8000/key-auth -H 'Host: key-auth.com' -H 'apikey: key_password'
        RawHttp.Response jason = proxy("GET", "/key-auth", "Host", "key-auth.com", "apikey", "key_password");
        assertEquals(200, jason.status(), jason::toString);
        assertEquals("key-auth", jason.json().path("api").asText());
        assertEquals("Hello from the key-auth demo API of Gatehouse", jason.json().path("message").asText());

        // curl -s http://localhost:8000/key-auth/headers -H 'Host: key-auth.com' -H 'apikey: eddie_secret_key'
        RawHttp.Response seen = proxy("GET", "/key-auth/headers", "Host", "key-auth.com", "apikey", "eddie_secret_key");
        assertEquals(200, seen.status(), seen::toString);
        JsonNode headers = seen.json().path("headers");
        assertEquals("/headers", seen.json().path("path").asText());
        assertEquals("Eddie", headers.path("x-consumer-username").asText(), seen::toString);
        assertEquals(eddie.id(), headers.path("x-consumer-id").asText());
        assertEquals(key.id(), headers.path("x-credential-identifier").asText());
        assertEquals("eddie_secret_key", headers.path("apikey").asText());
        assertEquals("key-auth.com", headers.path("x-forwarded-host").asText());
        assertEquals("/key-auth/headers", headers.path("x-forwarded-path").asText());
        assertEquals("/key-auth", headers.path("x-forwarded-prefix").asText());
    }

    private void step5BasicAuthentication(String geekJokesId) {
        // curl -i -X PUT http://localhost:8001/consumers/Brandon --data 'custom_id=brandon_id' --data 'tags=demo'
        HttpResult brandon = assertStatus(200, admin.put("/consumers/Brandon", "custom_id=brandon_id&tags=demo"));
        assertEquals("Brandon", brandon.text("username"));
        assertEquals("brandon_id", brandon.text("custom_id"));
        assertEquals(Json.parse("[\"demo\"]"), brandon.get("tags"));

        // curl -i -X PUT http://localhost:8001/consumers/Brandon/basic-auth/Aladdin --data 'password=OpenSesame' --data 'tags=demo'
        HttpResult credential = assertStatus(200, admin.put("/consumers/Brandon/basic-auth/Aladdin",
                "password=OpenSesame&tags=demo"));
        assertEquals("Aladdin", credential.text("username"));
        assertEquals(brandon.id(), credential.get("consumer").path("id").asText());
        assertNotEquals("OpenSesame", credential.text("password"), "never returned in clear");

        // curl -i http://localhost:8000/basic-auth -H 'Host: basic-auth.com'
        RawHttp.Response anonymous = proxy("GET", "/basic-auth", "Host", "basic-auth.com");
        assertEquals(401, anonymous.status(), anonymous::toString);
        assertKongError("Unauthorized", anonymous);
        assertEquals("Basic realm=\"service\"", anonymous.header("WWW-Authenticate"));

        // curl -i http://localhost:8000/basic-auth -H 'Host: basic-auth.com' -H 'Authorization: Basic QWxhZGRpbjpPcGVuU2VzYW1l'
        RawHttp.Response ok = await(() -> proxy("GET", "/basic-auth", "Host", "basic-auth.com", "Authorization", BRANDON),
                r -> r.status() == 200, "Brandon's credential after the PUT");
        assertEquals("basic-auth", ok.json().path("api").asText());
        assertEquals("Hello from the basic-auth demo API of Gatehouse", ok.json().path("message").asText());

        // curl -s http://localhost:8000/basic-auth/headers -H 'Host: basic-auth.com' -H 'Authorization: Basic QWxhZGRpbjpPcGVuU2VzYW1l'
        RawHttp.Response seen = proxy("GET", "/basic-auth/headers", "Host", "basic-auth.com", "Authorization", BRANDON);
        assertEquals(200, seen.status(), seen::toString);
        JsonNode headers = seen.json().path("headers");
        assertEquals("Brandon", headers.path("x-consumer-username").asText(), seen::toString);
        assertEquals("brandon_id", headers.path("x-consumer-custom-id").asText());
        assertEquals(brandon.id(), headers.path("x-consumer-id").asText());
        assertEquals("Aladdin", headers.path("x-credential-identifier").asText());
        assertTrue(headers.path("authorization").isMissingNode(), "hide_credentials=true: " + seen);

        // curl -i -X POST --url http://localhost:8001/apis/geek-jokes/plugins/ --data 'name=basic-auth' --data 'config.hide_credentials=true'
        HttpResult plugin = assertStatus(201, admin.post("/apis/geek-jokes/plugins/",
                "name=basic-auth&config.hide_credentials=true"));
        assertEquals("basic-auth", plugin.text("name"));
        assertEquals(geekJokesId, plugin.text("api_id"));
        assertTrue(plugin.get("config").path("hide_credentials").asBoolean());

        // curl -i http://localhost:8000/jokes
        RawHttp.Response locked = await(() -> proxy("GET", "/jokes"), r -> r.status() == 401,
                "basic-auth on the geek-jokes API");
        assertKongError("Unauthorized", locked);
        assertEquals("Basic realm=\"service\"", locked.header("WWW-Authenticate"));

        // curl -i http://localhost:8000/jokes -H 'Authorization: Basic QWxhZGRpbjpPcGVuU2VzYW1l'
        RawHttp.Response joke = proxy("GET", "/jokes", "Authorization", BRANDON);
        assertEquals(200, joke.status(), joke::toString);
        assertTrue(DemoContent.JOKES.contains(joke.json().path("joke").asText()), joke::toString);
    }

    private void startOver() {
        // curl -i -X DELETE http://localhost:8001/apis/geek-jokes   (and profile-generator, and Eddie)
        assertStatus(204, admin.delete("/apis/geek-jokes"));
        assertStatus(204, admin.delete("/apis/profile-generator"));
        assertStatus(204, admin.delete("/consumers/Eddie"));
        assertStatus(404, admin.get("/consumers/Eddie/key-auth/eddie_secret_key"));
        assertEquals(0, admin.get("/apis").get("data").size());
        RawHttp.Response gone = await(() -> proxy("GET", "/jokes"), r -> r.status() == 404, "geek-jokes to be gone");
        assertKongError("no Route matched with those values", gone);
        // The demo's own entities stay.
        assertEquals(200, proxy("GET", "/no-auth", "Host", "no-auth.com").status());
        await(() -> proxy("GET", "/key-auth", "Host", "key-auth.com", "apikey", "eddie_secret_key"),
                r -> r.status() == 401, "Eddie's key to be gone");
    }

    /**
     * The demo file is idempotent: applied a second time, through the same registrar and the
     * public Admin API, every call succeeds and no entity changes (timestamps and the salted
     * password hash aside).
     */
    private void applyingTheDemoFileAgainChangesNothing() throws Exception {
        List<String> demoEntities = List.of("/services/api-no-auth", "/routes/api-no-auth", "/services/api-key-auth",
                "/plugins/0d3c5e29-6b1a-4f0e-9d4c-8a7f2b1e6c01", "/routes/api-key-auth", "/consumers/Jason",
                "/consumers/Jason/key-auth/key_password", "/services/api-basic-auth",
                "/plugins/0d3c5e29-6b1a-4f0e-9d4c-8a7f2b1e6c02", "/routes/api-basic-auth", "/consumers/Brandon",
                "/consumers/Brandon/basic-auth/Aladdin");
        List<String> collections = List.of("/services", "/routes", "/plugins", "/consumers", "/key-auths", "/basic-auths");
        Map<String, JsonNode> before = comparable(demoEntities, collections);

        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("demo.no-auth", NO_AUTH_API);
        variables.put("demo.key-auth", KEY_AUTH_API);
        variables.put("demo.basic-auth", BASIC_AUTH_API);
        List<DemoFile.Call> calls = DemoFile.builtIn(variables);
        assertEquals(demoEntities, calls.stream().map(DemoFile.Call::path).toList(), "the file registers these");
        DemoRegistrar.Outcome outcome = new DemoRegistrar(URI.create(admin.base()), "", calls, "DemoWalkthroughIT",
                Duration.ofSeconds(30)).run();
        assertEquals(DemoRegistrar.Outcome.APPLIED, outcome, "every call answered 2xx the second time");

        assertEquals(before, comparable(demoEntities, collections));
        await(() -> proxy("GET", "/basic-auth", "Host", "basic-auth.com", "Authorization", BRANDON),
                r -> r.status() == 200, "Brandon's credential after the second run");
        assertEquals(200, proxy("GET", "/key-auth", "Host", "key-auth.com", "apikey", "key_password").status());
    }

    /** Each entity without created_at, updated_at and password, plus the size of each collection. */
    private Map<String, JsonNode> comparable(List<String> entities, List<String> collections) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String path : entities) {
            ObjectNode entity = (ObjectNode) assertStatus(200, admin.get(path)).json().deepCopy();
            entity.remove(List.of("created_at", "updated_at", "password"));
            out.put(path, entity);
        }
        for (String path : collections) {
            out.put(path + " (count)", Json.node("count", admin.listAll(path).size()));
        }
        return out;
    }

    private static void assertProfile(RawHttp.Response response) {
        assertEquals(200, response.status(), response::toString);
        List<String> fields = new java.util.ArrayList<>();
        response.json().fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("name", "surname", "gender", "region"), fields, response::toString);
    }

    /**
     * A gateway-generated error in Kong 3.10's shape: the expected message plus the request's id,
     * {@code {"message":"…","request_id":"<32 hex>"}}, the id also sent as X-Kong-Request-Id.
     */
    private static void assertKongError(String message, RawHttp.Response response) {
        assertTrue(response.header("Content-Type").startsWith("application/json"), response::toString);
        String requestId = response.header("X-Kong-Request-Id");
        assertTrue(requestId != null && requestId.matches("[0-9a-f]{32}"), response::toString);
        assertEquals(Json.node("message", message, "request_id", requestId), response.json(), response::toString);
    }

    private static RawHttp.Response proxy(String method, String target, String... headers) {
        return RawHttp.exchange(PROXY_PORT, method, target, null, headers);
    }

    private static <T> T await(java.util.function.Supplier<T> probe, Predicate<T> done, String what) {
        return Await.until(PROPAGATION, probe, done, what);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
