package io.gatehouse.proxy;

import io.gatehouse.model.Consumer;
import io.gatehouse.plugin.Exchange;
import io.gatehouse.snapshot.ConfigSnapshot;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plugins' view of one request. It holds copies (header lists, the buffered body), never
 * servlet objects, so plugins stay independent of the I/O model.
 */
final class ProxyExchange implements Exchange {

    /** A gateway-generated response requested by a plugin. */
    record Exit(int status, Object body, Map<String, String> headers) {
    }

    /** The body of a {@link #error} exit: rendered like Kong's kong.response.error (Accept, request_id). */
    record ErrorMessage(String message) {
    }

    private final ConfigSnapshot snapshot;
    private final Client client;
    private final Upstream upstream;
    private final Response response = new Response();
    private final Map<String, Object> context = new HashMap<>();
    private Consumer consumer;
    private String credentialIdentifier;
    private Exit exit;

    ProxyExchange(ConfigSnapshot snapshot, String method, String path, String rawQuery, HeaderList clientHeaders,
            String scheme, String remoteAddress, HeaderList upstreamHeaders) {
        this.snapshot = snapshot;
        this.client = new Client(method, path, rawQuery, clientHeaders, scheme, remoteAddress);
        this.upstream = new Upstream(upstreamHeaders, rawQuery);
    }

    @Override
    public ClientRequest request() {
        return client;
    }

    @Override
    public UpstreamRequest upstreamRequest() {
        return upstream;
    }

    @Override
    public ProxyResponse response() {
        return response;
    }

    @Override
    public ConfigSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public Optional<Consumer> consumer() {
        return Optional.ofNullable(consumer);
    }

    /**
     * Records the consumer and sets the identity headers every auth plugin must send upstream,
     * so they are written in one place. A null credential means the anonymous consumer.
     */
    @Override
    public void authenticate(Consumer authenticated, String credential) {
        this.consumer = authenticated;
        this.credentialIdentifier = credential;
        HeaderList headers = upstream.headers;
        if (authenticated == null) {
            HopByHop.IDENTITY.forEach(headers::remove);
            return;
        }
        headers.set("X-Consumer-ID", authenticated.id().toString());
        headers.set("X-Consumer-Custom-ID", authenticated.customId());
        headers.set("X-Consumer-Username", authenticated.username());
        headers.set("X-Credential-Identifier", credential);
        headers.set("X-Anonymous-Consumer", credential == null ? "true" : null);
    }

    @Override
    public Optional<String> credentialIdentifier() {
        return Optional.ofNullable(credentialIdentifier);
    }

    @Override
    public Map<String, Object> context() {
        return context;
    }

    @Override
    public void exit(int status, Object body, Map<String, String> headers) {
        exit = new Exit(status, body, headers == null ? Map.of() : Map.copyOf(headers));
    }

    @Override
    public void error(int status, String message, Map<String, String> headers) {
        exit(status, new ErrorMessage(message), headers);
    }

    @Override
    public boolean exited() {
        return exit != null;
    }

    Exit exitResponse() {
        return exit;
    }

    void clearExit() {
        exit = null;
    }

    HeaderList upstreamHeaders() {
        return upstream.headers;
    }

    String upstreamRawQuery() {
        return upstream.rawQuery;
    }

    byte[] upstreamBody() {
        return upstream.body;
    }

    void bufferedBody(byte[] body) {
        client.body = body;
        upstream.body = body;
    }

    HeaderList responseHeaders() {
        return response.headers;
    }

    void responseStatus(int status) {
        response.status = status;
    }

    int responseStatus() {
        return response.status;
    }

    private static final class Client implements ClientRequest {
        private final String method;
        private final String path;
        private final String rawQuery;
        private final HeaderList headers;
        private final String scheme;
        private final String remoteAddress;
        private Map<String, List<String>> queryArgs;
        private byte[] body;

        Client(String method, String path, String rawQuery, HeaderList headers, String scheme, String remoteAddress) {
            this.method = method;
            this.path = path;
            this.rawQuery = rawQuery;
            this.headers = headers;
            this.scheme = scheme;
            this.remoteAddress = remoteAddress;
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public String rawQuery() {
            return rawQuery;
        }

        @Override
        public Map<String, List<String>> queryArgs() {
            if (queryArgs == null) {
                queryArgs = parseQuery(rawQuery);
            }
            return queryArgs;
        }

        @Override
        public String header(String name) {
            return headers.first(name);
        }

        @Override
        public List<String> headers(String name) {
            return headers.all(name);
        }

        @Override
        public String scheme() {
            return scheme;
        }

        @Override
        public String remoteAddress() {
            return remoteAddress;
        }

        @Override
        public byte[] body() {
            return body;
        }

        @Override
        public String contentType() {
            return headers.first("Content-Type");
        }
    }

    private static final class Upstream implements UpstreamRequest {
        private final HeaderList headers;
        private String rawQuery;
        private byte[] body;

        Upstream(HeaderList headers, String rawQuery) {
            this.headers = headers;
            this.rawQuery = rawQuery;
        }

        @Override
        public void setHeader(String name, String value) {
            headers.set(name, value);
        }

        @Override
        public void removeHeader(String name) {
            headers.remove(name);
        }

        @Override
        public String header(String name) {
            return headers.first(name);
        }

        @Override
        public void setRawQuery(String query) {
            rawQuery = query;
        }

        @Override
        public String rawQuery() {
            return rawQuery;
        }

        @Override
        public void setBody(byte[] replacement) {
            if (body == null) {
                throw new IllegalStateException("the request body was not buffered; declare needsRequestBody");
            }
            body = replacement;
        }
    }

    private static final class Response implements ProxyResponse {
        private final HeaderList headers = new HeaderList();
        private int status;

        @Override
        public int status() {
            return status;
        }

        @Override
        public String header(String name) {
            return headers.first(name);
        }

        @Override
        public void setHeader(String name, String value) {
            headers.set(name, value);
        }

        @Override
        public void removeHeader(String name) {
            headers.remove(name);
        }
    }

    static Map<String, List<String>> parseQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> args = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            args.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        args.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return Collections.unmodifiableMap(args);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
