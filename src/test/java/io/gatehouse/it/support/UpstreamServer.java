package io.gatehouse.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 and a random port, standing in for an upstream API. It records
 * every request (method, path with query, headers, body) and answers with a configurable
 * response (by default 200 {@code {"upstream":"ok"}}).
 */
public final class UpstreamServer implements AutoCloseable {

    /** What the upstream received. Header names are lower-cased. */
    public record Received(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** What the upstream answers. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final BlockingQueue<Received> pending = new LinkedBlockingQueue<>();
    private final List<Received> all = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Reply> responder = r -> Reply.json(200, "{\"upstream\":\"ok\"}");

    private UpstreamServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static UpstreamServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ExecutorService executor = Executors.newFixedThreadPool(8);
            UpstreamServer upstream = new UpstreamServer(server, executor);
            server.createContext("/", upstream::handle);
            server.setExecutor(executor);
            server.start();
            return upstream;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public UpstreamServer respond(Function<Received, Reply> responder) {
        this.responder = responder;
        return this;
    }

    public UpstreamServer respond(int status, String jsonBody) {
        return respond(r -> Reply.json(status, jsonBody));
    }

    /** Waits for the next request not yet taken, or returns null after the timeout. */
    public Received next(Duration timeout) throws InterruptedException {
        return pending.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every request received so far, in arrival order. */
    public List<Received> received() {
        return List.copyOf(all);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
            Received received = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                    headers, new String(body, StandardCharsets.UTF_8));
            all.add(received);
            pending.add(received);
            Reply reply = responder.apply(received);
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] out = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            if ("HEAD".equals(exchange.getRequestMethod()) || out.length == 0) {
                exchange.sendResponseHeaders(reply.status(), -1);
            } else {
                exchange.sendResponseHeaders(reply.status(), out.length);
                exchange.getResponseBody().write(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
