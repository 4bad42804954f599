package io.gatehouse.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.gatehouse.core.Json;
import io.gatehouse.core.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The demo APIs, the demo file and the registrar, without Tomcat. */
class DemoPlatformTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> VARIABLES = Map.of(
            "demo.no-auth", "http://127.0.0.1:9001", "demo.no-auth.port", "9001",
            "demo.key-auth", "http://127.0.0.1:9002", "demo.key-auth.port", "9002",
            "demo.basic-auth", "http://127.0.0.1:9003", "demo.basic-auth.port", "9003");

    private static HttpResponse<String> send(String method, String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> response) {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response::toString);
        return (Map<String, Object>) Json.parse(response.body());
    }

    @Test
    void eachDemoApiAnswersItsEndpoints() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try (DemoApi noAuth = DemoApi.start(DemoPlatform.SPECS.get(0), 0, executor);
             DemoApi keyAuth = DemoApi.start(DemoPlatform.SPECS.get(1), 0, executor);
             DemoApi basicAuth = DemoApi.start(DemoPlatform.SPECS.get(2), 0, executor)) {
            HttpResponse<String> root = send("GET", noAuth.url() + "/");
            assertEquals(200, root.statusCode());
            assertEquals("no-auth", json(root).get("api"));
            assertEquals("Hello from the no-auth demo API of Gatehouse", json(root).get("message"));
            assertEquals(List.of("/", "/json", "/text", "/headers", "/joke"), json(root).get("endpoints"));
            assertEquals("basic-auth", json(send("GET", basicAuth.url() + "/")).get("api"));

            HttpResponse<String> document = send("GET", keyAuth.url() + "/json");
            assertEquals(200, document.statusCode());
            assertEquals("key-auth", json(document).get("api"));
            assertEquals(3, ((List<?>) json(document).get("items")).size());

            HttpResponse<String> text = send("GET", basicAuth.url() + "/text");
            assertEquals(200, text.statusCode());
            assertEquals("text/plain; charset=utf-8", text.headers().firstValue("Content-Type").orElse(null));
            assertEquals("Hello from the basic-auth demo API of Gatehouse, in plain text.\n", text.body());

            HttpResponse<String> joke = send("GET", noAuth.url() + "/joke");
            assertEquals(200, joke.statusCode());
            assertTrue(DemoContent.JOKES.contains((String) json(joke).get("joke")), joke.body());
            assertEquals(404, send("GET", keyAuth.url() + "/joke").statusCode(), "only no-auth tells jokes");

            Map<String, Object> profile = json(send("GET", keyAuth.url() + "/profile"));
            assertEquals(List.of("name", "surname", "gender", "region"), new ArrayList<>(profile.keySet()));

            HttpResponse<String> echo = send("DELETE", basicAuth.url() + "/headers?x=1",
                    "X-Consumer-Username", "Brandon", "X-Twice", "a");
            Map<String, Object> received = json(echo);
            assertEquals("DELETE", received.get("method"));
            assertEquals("/headers", received.get("path"));
            assertEquals("x=1", received.get("query"));
            assertEquals("Brandon", ((Map<?, ?>) received.get("headers")).get("x-consumer-username"));

            HttpResponse<String> missing = send("GET", noAuth.url() + "/nope");
            assertEquals(404, missing.statusCode());
            assertEquals(Map.of("message", "Not found"), json(missing));
            HttpResponse<String> post = send("POST", noAuth.url() + "/json");
            assertEquals(405, post.statusCode());
            assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(null));
            HttpResponse<String> head = send("HEAD", noAuth.url() + "/text");
            assertEquals(200, head.statusCode());
            assertEquals("", head.body());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theBuiltInFileRegistersTheArticlesThreeApisWithPutsOnly() {
        List<DemoFile.Call> calls = DemoFile.builtIn(VARIABLES);
        assertTrue(calls.stream().allMatch(c -> c.method().equals("PUT")), "idempotent: PUT only");
        List<String> paths = calls.stream().map(DemoFile.Call::path).toList();
        // Each auth plugin goes on its service before the route exists: the API is never open.
        assertEquals(List.of(
                "/services/api-no-auth", "/routes/api-no-auth",
                "/services/api-key-auth", "/plugins/0d3c5e29-6b1a-4f0e-9d4c-8a7f2b1e6c01", "/routes/api-key-auth",
                "/consumers/Jason", "/consumers/Jason/key-auth/key_password",
                "/services/api-basic-auth", "/plugins/0d3c5e29-6b1a-4f0e-9d4c-8a7f2b1e6c02", "/routes/api-basic-auth",
                "/consumers/Brandon", "/consumers/Brandon/basic-auth/Aladdin"), paths);
        assertEquals("http://127.0.0.1:9001", calls.get(0).body().get("url"));
        assertEquals(Map.of("service", Map.of("name", "api-no-auth"), "hosts", List.of("no-auth.com"),
                "paths", List.of("/no-auth"), "tags", List.of("demo")), calls.get(1).body());
        assertEquals(Map.of("hide_credentials", true), calls.get(8).body().get("config"));
        assertEquals("brandon_id", calls.get(10).body().get("custom_id"));
        assertEquals("OpenSesame", calls.get(11).body().get("password"));
    }

    @Test
    void theFileFormatIsCheckedAndVariablesCannotChangeItsStructure() {
        List<DemoFile.Call> calls = DemoFile.parse("""
                calls:
                  - method: delete
                    path: /services/${demo.no-auth.port}
                  - method: PUT
                    path: /services/x
                    body: {url: "${demo.no-auth}/a", retries: 3, tags: ["${demo.key-auth}"]}
                """, "test", Map.of("demo.no-auth", "http://h:1\n  evil: true", "demo.no-auth.port", "9001",
                "demo.key-auth", "k"));
        assertEquals("DELETE", calls.get(0).method());
        assertEquals("/services/9001", calls.get(0).path());
        assertNull(calls.get(0).body());
        assertEquals(Map.of("url", "http://h:1\n  evil: true/a", "retries", 3, "tags", List.of("k")), calls.get(1).body());

        assertThrows(IllegalArgumentException.class, () -> DemoFile.parse("calls: [", "t", VARIABLES));
        assertThrows(IllegalArgumentException.class, () -> DemoFile.parse("nothing: here", "t", VARIABLES));
        assertThrows(IllegalArgumentException.class, () -> DemoFile.parse("calls: [{method: GO, path: /x}]", "t", VARIABLES));
        assertThrows(IllegalArgumentException.class, () -> DemoFile.parse("calls: [{method: GET, path: x}]", "t", VARIABLES));
        assertThrows(IllegalArgumentException.class, () -> DemoFile.parse("calls: [{method: GET, path: /x, boby: {}}]", "t", VARIABLES));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> DemoFile.parse("calls: [{method: GET, path: '/${nope}'}]", "t", VARIABLES));
        assertTrue(unknown.getMessage().contains("unknown variable ${nope}"), unknown.getMessage());
    }

    /** A fake Admin API that is down for its first answers, then records calls and answers 200 (or 400 for /bad). */
    private static final class FakeAdmin implements AutoCloseable {
        final HttpServer server;
        final List<String> received = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger rootCalls = new AtomicInteger();

        FakeAdmin(int unavailableRootCalls) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/", exchange -> {
                try (exchange) {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    String path = exchange.getRequestURI().getPath();
                    int status;
                    if (path.equals("/prefix/")) {
                        status = rootCalls.incrementAndGet() <= unavailableRootCalls ? 503 : 200;
                    } else {
                        received.add(exchange.getRequestMethod() + " " + path + " "
                                + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body + " "
                                + exchange.getRequestHeaders().getFirst("Kong-Admin-Token"));
                        status = path.endsWith("/bad") ? 400 : 200;
                    }
                    byte[] out = "{}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, out.length);
                    exchange.getResponseBody().write(out);
                }
            });
            server.start();
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/prefix");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void theRegistrarWaitsForTheAdminApiThenAppliesEveryCallInOrder() throws Exception {
        try (FakeAdmin admin = new FakeAdmin(2)) {
            List<DemoFile.Call> calls = List.of(
                    new DemoFile.Call("PUT", "/consumers/Jason", null),
                    new DemoFile.Call("PUT", "/services/s", Map.of("url", "http://x")),
                    new DemoFile.Call("DELETE", "/services/t", null));
            DemoRegistrar.Outcome outcome = new DemoRegistrar(admin.base(), "tok", calls, "test", Duration.ofSeconds(30)).run();
            assertEquals(DemoRegistrar.Outcome.APPLIED, outcome);
            assertEquals(3, admin.rootCalls.get(), "polled GET / until it answered 200");
            assertEquals(List.of(
                    "PUT /prefix/consumers/Jason application/json {} tok",
                    "PUT /prefix/services/s application/json {\"url\":\"http://x\"} tok",
                    "DELETE /prefix/services/t null  tok"), admin.received);
        }
    }

    @Test
    void theRegistrarStopsAtTheFirstFailure() throws Exception {
        try (FakeAdmin admin = new FakeAdmin(0)) {
            List<DemoFile.Call> calls = List.of(
                    new DemoFile.Call("PUT", "/a", null),
                    new DemoFile.Call("PUT", "/bad", null),
                    new DemoFile.Call("PUT", "/c", null));
            assertEquals(DemoRegistrar.Outcome.FAILED,
                    new DemoRegistrar(admin.base(), "", calls, "test", Duration.ofSeconds(30)).run());
            assertEquals(2, admin.received.size(), admin.received::toString);
        }
    }

    @Test
    void theRegistrarGivesUpWhenTheAdminApiNeverAnswers() throws Exception {
        try (FakeAdmin admin = new FakeAdmin(Integer.MAX_VALUE)) {
            assertEquals(DemoRegistrar.Outcome.ADMIN_UNREACHABLE, new DemoRegistrar(admin.base(), "",
                    List.of(new DemoFile.Call("PUT", "/a", null)), "test", Duration.ofMillis(300)).run());
            assertTrue(admin.received.isEmpty());
        }
    }

    @Test
    void theAdminApiIsFoundOnTheAdminConnectorOrUnderThePrefixInSinglePortMode() {
        Settings settings = new Settings(name -> null, Map.of());
        Connectors kongPorts = new Connectors(List.of(new Connectors.Connector("127.0.0.1", 8000),
                new Connectors.Connector("127.0.0.1", 8001), new Connectors.Connector("127.0.0.1", 8002)), settings);
        assertEquals(URI.create("http://127.0.0.1:8001"), kongPorts.adminBase());
        assertEquals("http://localhost:8000", kongPorts.proxyBase());

        Connectors singlePort = new Connectors(List.of(new Connectors.Connector("127.0.0.1", 8080)), settings);
        assertEquals(URI.create("http://127.0.0.1:8080/_admin"), singlePort.adminBase());
        assertEquals("http://localhost:8080", singlePort.proxyBase());

        Connectors unknown = new Connectors(List.of(), settings);
        assertEquals(URI.create("http://127.0.0.1:8001"), unknown.adminBase());

        assertEquals("127.0.0.1", Connectors.host(null));
        assertEquals("127.0.0.1", Connectors.host("\"0.0.0.0\""));
        assertEquals("10.0.0.5", Connectors.host("\"10.0.0.5\""));
        assertEquals("::1", Connectors.host("\"/::1\""));
        assertEquals("http://[::1]:8001", new Connectors.Connector("::1", 8001).url());
    }

    /** Settings from an environment map: free demo ports, and an Admin API port nothing listens on. */
    private static Settings settings(java.nio.file.Path home, String ports) {
        return new Settings(name -> null, Map.of("GATEHOUSE_HOME", home.toString(), "GATEHOUSE_DEMO_PORTS", ports,
                "GATEHOUSE_ADMIN_PORTS", "1", "GATEHOUSE_PROXY_PORTS", "2", "GATEHOUSE_CONSOLE_PORTS", "3"));
    }

    @Test
    void anAdaptedFileInTheHomeIsUsedAndADemoThatCannotStartNeverThrows(@org.junit.jupiter.api.io.TempDir
                                                                         java.nio.file.Path home) throws Exception {
        try (DemoPlatform platform = DemoPlatform.start(settings(home, "0,0,0"))) {
            assertEquals(3, platform.apis().size(), "the built-in file is used when the home has none");
            assertEquals(platform.apis().get(0).url(), platform.variables().get("demo.no-auth"));
        }

        java.nio.file.Files.writeString(home.resolve(DemoPlatform.USER_FILE), "calls: [{method: PUT, path: '/${typo}'}]");
        DemoPlatform broken = DemoPlatform.start(settings(home, "0,0,0"));
        assertTrue(broken.apis().isEmpty(), "a broken adapted file stops the demo, loudly, without throwing");
        assertNull(broken.outcome());
        broken.close();

        java.nio.file.Files.writeString(home.resolve(DemoPlatform.USER_FILE), "calls: [{method: PUT, path: /consumers/x}]");
        try (DemoPlatform adapted = DemoPlatform.start(settings(home, "0,0,0"))) {
            assertEquals(3, adapted.apis().size(), "a valid adapted file is accepted");
        }

        assertTrue(DemoPlatform.start(settings(home, "0,0")).apis().isEmpty(), "three ports are required");
        HttpServer taken = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        taken.start();
        try {
            DemoPlatform busy = DemoPlatform.start(settings(home, "0,0," + taken.getAddress().getPort()));
            assertTrue(busy.apis().isEmpty(), "a port in use stops the demo without throwing");
        } finally {
            taken.stop(0);
        }
    }
}
