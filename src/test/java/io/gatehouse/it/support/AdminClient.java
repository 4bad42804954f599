package io.gatehouse.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small client for the Admin API (Kong's port 8001; 18001 in the integration tests).
 *
 * <p>{@code post/put/patch(path, body)} send a body that starts with <code>{</code> or
 * <code>[</code> as {@code application/json} and anything else as
 * {@code application/x-www-form-urlencoded}, like {@code curl --data}. Nothing is sent for a
 * null body. {@link #send} gives full control (content type, extra headers).
 */
public class AdminClient {

    public static final int DEFAULT_PORT = Integer.getInteger("it.admin.port", 18001);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String base;
    private final Map<String, String> defaultHeaders;

    public AdminClient() {
        this("http://127.0.0.1:" + DEFAULT_PORT);
    }

    public AdminClient(String base) {
        this(base, Map.of());
    }

    private AdminClient(String base, Map<String, String> defaultHeaders) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.defaultHeaders = Map.copyOf(defaultHeaders);
    }

    /** A copy of this client that sends one more header on every request (e.g. an admin token). */
    public AdminClient withHeader(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(defaultHeaders);
        headers.put(name, value);
        return new AdminClient(base, headers);
    }

    public String base() {
        return base;
    }

    public HttpResult get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    public HttpResult delete(String path, String... headers) {
        return send("DELETE", path, null, null, headers);
    }

    public HttpResult post(String path, String body, String... headers) {
        return send("POST", path, guessType(body), body, headers);
    }

    public HttpResult put(String path, String body, String... headers) {
        return send("PUT", path, guessType(body), body, headers);
    }

    public HttpResult patch(String path, String body, String... headers) {
        return send("PATCH", path, guessType(body), body, headers);
    }

    public HttpResult options(String path, String... headers) {
        return send("OPTIONS", path, null, null, headers);
    }

    /** Multipart/form-data with one text part per entry (keys may repeat: pass pairs). */
    public HttpResult multipart(String method, String path, String... namesAndValues) {
        String boundary = "----gatehouse-it-" + Long.toHexString(System.nanoTime());
        StringBuilder body = new StringBuilder();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            body.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(namesAndValues[i]).append("\"\r\n\r\n")
                    .append(namesAndValues[i + 1]).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        return send(method, path, "multipart/form-data; boundary=" + boundary, body.toString());
    }

    private static boolean isStaleConnection(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("header parser received no bytes") || e instanceof java.io.EOFException
                || e.getCause() instanceof java.io.EOFException;
    }

    /**
     * Sends one request. {@code contentType} null sends no Content-Type header; {@code body} null
     * sends no body. {@code headers} are name/value pairs.
     */
    public HttpResult send(String method, String path, String contentType, String body, String... headers) {
        String uri = base + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        defaultHeaders.forEach(request::header);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response;
            try {
                response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException stale) {
                // java.net.http may pick a pooled keep-alive connection that the server has just
                // closed (Tomcat closes after some error statuses); the request then never reached
                // the server and goes again once, on a new connection. A server that really does
                // not answer fails the retry too.
                if (!isStaleConnection(stale)) {
                    throw stale;
                }
                response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
            return HttpResult.of(method, path, response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + uri, e);
        }
    }

    /**
     * Every element of a paginated list, following {@code next} (at most 500 pages).
     * Fails when a page is not 200.
     */
    public java.util.List<com.fasterxml.jackson.databind.JsonNode> listAll(String path) {
        java.util.List<com.fasterxml.jackson.databind.JsonNode> all = new ArrayList<>();
        String next = path;
        for (int page = 0; next != null && page < 500; page++) {
            HttpResult result = get(next);
            if (result.status() != 200 || result.json() == null) {
                throw new AssertionError("listing failed: " + result);
            }
            result.get("data").forEach(all::add);
            com.fasterxml.jackson.databind.JsonNode nextNode = result.get("next");
            next = nextNode.isTextual() ? nextNode.asText() : null;
        }
        return all;
    }

    private static String guessType(String body) {
        if (body == null) {
            return null;
        }
        String trimmed = body.stripLeading();
        return trimmed.startsWith("{") || trimmed.startsWith("[")
                ? "application/json"
                : "application/x-www-form-urlencoded";
    }

    /** Builds an urlencoded form from name/value pairs (names may repeat), encoding both sides. */
    public static String form(String... namesAndValues) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            pairs.add(enc(namesAndValues[i]) + "=" + enc(namesAndValues[i + 1]));
        }
        return String.join("&", pairs);
    }

    /** Percent-encodes one path segment or query value. */
    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
