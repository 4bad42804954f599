package io.gatehouse.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gatehouse.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One demo upstream API: a real HTTP server on 127.0.0.1, standing in for one of the Flask APIs
 * of the article "Kong, manage your Flask APIs". Every demo API answers
 * <ul>
 *   <li>{@code GET /} with a JSON message naming the API,</li>
 *   <li>{@code GET /json} with a JSON document,</li>
 *   <li>{@code GET /text} with plain text,</li>
 *   <li>{@code /headers} (any method) with the request it received as JSON: method, path, query
 *       and headers, so the {@code X-Consumer-*} headers added by the gateway can be seen,</li>
 *   <li>its own extra endpoints (the geek jokes and the profile generator),</li>
 *   <li>anything else with 404 {@code {"message":"Not found"}}.</li>
 * </ul>
 */
public final class DemoApi implements AutoCloseable {

    /**
     * What a demo API is: its name (used in its answers), one line about it, and extra
     * {@code GET} endpoints that answer JSON.
     */
    public record Spec(String name, String about, Map<String, Supplier<Object>> extras) {
        public Spec {
            extras = Map.copyOf(extras);
        }
    }

    private static final String JSON = "application/json; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final Spec spec;
    private final HttpServer server;

    private DemoApi(Spec spec, HttpServer server) {
        this.spec = spec;
        this.server = server;
    }

    /** Binds 127.0.0.1:{@code port} (0 picks a free port) and starts answering. */
    public static DemoApi start(Spec spec, int port, Executor executor) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        DemoApi api = new DemoApi(spec, server);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    public Spec spec() {
        return spec;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The paths this API answers, in the order they are listed by {@code GET /}. */
    List<String> endpoints() {
        List<String> endpoints = new ArrayList<>(List.of("/", "/json", "/text", "/headers"));
        endpoints.addAll(new TreeMap<>(spec.extras()).keySet());
        return endpoints;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            drain(exchange.getRequestBody());
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/headers")) {
                send(exchange, 200, JSON, Json.writeBytes(echo(exchange)));
                return;
            }
            Object document = documentFor(path);
            if (document == null) {
                send(exchange, 404, JSON, Json.writeBytes(Map.of("message", "Not found")));
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, JSON, Json.writeBytes(Map.of("message", "Method not allowed")));
            } else if (document instanceof String text) {
                send(exchange, 200, TEXT, text.getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 200, JSON, Json.writeBytes(document));
            }
        }
    }

    /** The answer to a GET of {@code path}: a String is sent as text, anything else as JSON; null is 404. */
    private Object documentFor(String path) {
        switch (path) {
            case "/":
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("api", spec.name());
                root.put("message", "Hello from the " + spec.name() + " demo API of Gatehouse");
                root.put("about", spec.about());
                root.put("endpoints", endpoints());
                return root;
            case "/json":
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("api", spec.name());
                json.put("format", "json");
                json.put("items", List.of(item(1, "alpha", true), item(2, "beta", false), item(3, "gamma", true)));
                return json;
            case "/text":
                return "Hello from the " + spec.name() + " demo API of Gatehouse, in plain text.\n";
            default:
                Supplier<Object> extra = spec.extras().get(path);
                return extra == null ? null : extra.get();
        }
    }

    private static Map<String, Object> item(int id, String name, boolean active) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("name", name);
        item.put("active", active);
        return item;
    }

    /** What this API received: method, path, query and headers (names lower-cased). */
    private Map<String, Object> echo(HttpExchange exchange) {
        Map<String, Object> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                values.size() == 1 ? values.get(0) : List.copyOf(values)));
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("api", spec.name());
        echo.put("method", exchange.getRequestMethod());
        echo.put("path", exchange.getRequestURI().getRawPath());
        echo.put("query", exchange.getRequestURI().getRawQuery());
        echo.put("headers", headers);
        return echo;
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void drain(InputStream body) throws IOException {
        byte[] buffer = new byte[8192];
        while (body.read(buffer) >= 0) {
            // discard: no demo endpoint reads a request body
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
