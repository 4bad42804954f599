package io.gatehouse.proxy;

import io.gatehouse.web.ResponseHeaders;
import io.gatehouse.core.Gatehouse;
import io.gatehouse.core.Json;
import io.gatehouse.core.Setting;
import io.gatehouse.core.Settings;
import io.gatehouse.model.Route;
import io.gatehouse.plugin.PluginRegistry;
import io.gatehouse.snapshot.ConfigSnapshot;
import io.gatehouse.snapshot.SnapshotHolder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of the proxy role, following Kong's pipeline (§3.1): limits, path normalisation,
 * global rewrite plugins, routing, protocol checks, access plugins, then the upstream call
 * ({@link ProxyCall}). Everything up to the upstream call runs on the container thread.
 */
public final class ProxyEngine implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProxyEngine.class.getName());
    /** Buffering cap when max_body_size is unlimited: buffering is for plugins, not for uploads. */
    private static final long DEFAULT_BUFFER_LIMIT = 16L * 1024 * 1024;
    /** Largest body read up front so that an idempotent request can be retried. */
    private static final long RETRYABLE_BODY_LIMIT = 16 * 1024;

    private final SnapshotHolder snapshots;
    private final TrustedIps trustedIps;
    private final String realIpHeader;
    private final int maxHeaderSize;
    private final int maxUriLength;
    private final long maxBodySize;
    private final boolean legacy;
    private final RouterCache<Router> routers = new RouterCache<>(Router::new);
    private final RouterCache<PluginPlans> plans;
    private final UpstreamClient upstream;
    private final ExecutorService logExecutor;
    /** One timer thread for the per-request watchdogs (write_timeout); their work is tiny. */
    private final ScheduledThreadPoolExecutor timer;

    public ProxyEngine(Settings settings, SnapshotHolder snapshots, PluginRegistry plugins) {
        this.snapshots = snapshots;
        this.trustedIps = TrustedIps.parse(settings.getList(Setting.TRUSTED_IPS));
        this.realIpHeader = settings.get(Setting.REAL_IP_HEADER);
        this.maxHeaderSize = settings.getInt(Setting.MAX_HEADER_SIZE);
        this.maxUriLength = settings.getInt(Setting.MAX_URI_LENGTH);
        this.maxBodySize = settings.getLong(Setting.MAX_BODY_SIZE);
        this.legacy = settings.get(Setting.KONG_VERSION).startsWith("0.");
        this.plans = new RouterCache<>(snapshot -> new PluginPlans(snapshot, plugins));
        this.upstream = new UpstreamClient(settings);
        // Log plugins may do I/O (http-log); a bounded queue keeps a slow sink from eating the heap.
        this.logExecutor = new ThreadPoolExecutor(1, Math.max(2, Runtime.getRuntime().availableProcessors()),
                30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), runnable -> {
                    Thread thread = new Thread(runnable, "gatehouse-log");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardOldestPolicy());
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "gatehouse-timer");
            thread.setDaemon(true);
            return thread;
        });
        // Cancelled watchdogs are the common case: drop them at once instead of at their deadline.
        timer.setRemoveOnCancelPolicy(true);
        // Build the router and plugin plans when a snapshot is published, not on the first request.
        snapshots.onPublish(snapshot -> {
            try {
                routers.get(snapshot);
                plans.get(snapshot);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not prebuild the router for snapshot " + snapshot.version(), e);
            }
        });
    }

    public void handle(HttpServletRequest clientRequest, HttpServletResponse clientResponse) throws IOException {
        long start = System.nanoTime();
        String requestId = RequestIds.next();
        RequestState state = null;
        try {
            state = process(clientRequest, clientResponse, start, requestId);
        } catch (Exception | LinkageError e) {
            LOG.log(Level.SEVERE, "proxy request " + requestId + " failed", e);
            if (!clientResponse.isCommitted() && !clientRequest.isAsyncStarted()) {
                clientResponse.resetBuffer();
                RequestState fallback = state != null ? state : bareState(clientRequest, clientResponse, requestId, start);
                respondLayerError(fallback, 500, null);
            }
        }
    }

    private RequestState process(HttpServletRequest clientRequest, HttpServletResponse clientResponse, long start,
            String requestId) throws IOException {
        ConfigSnapshot snapshot = snapshots.current();
        HeaderList clientHeaders = new HeaderList();
        int headerBytes = 0;
        for (Enumeration<String> names = clientRequest.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            for (Enumeration<String> values = clientRequest.getHeaders(name); values.hasMoreElements(); ) {
                String value = values.nextElement();
                clientHeaders.add(name, value);
                headerBytes += name.length() + value.length() + 4;
            }
        }
        String method = clientRequest.getMethod();
        String rawPath = pathWithinApplication(clientRequest);
        String rawQuery = clientRequest.getQueryString();
        long contentLength = clientRequest.getContentLengthLong();
        boolean hasBody = contentLength > 0 || clientHeaders.contains("Transfer-Encoding");
        String path = PathNormalizer.normalize(rawPath);
        String scheme = clientRequest.getScheme();
        ClientAddress address = ClientAddress.resolve(clientRequest.getRemoteAddr(), clientHeaders, trustedIps, realIpHeader);

        ProxyExchange exchange = new ProxyExchange(snapshot, method, path, rawQuery, clientHeaders, scheme,
                address.realIp(), HopByHop.upstreamCopy(clientHeaders));
        exchange.context().put("request_id", requestId);
        PluginRunner runner = new PluginRunner(exchange, scheme);
        RequestState state = new RequestState(clientRequest, clientResponse, exchange, runner, requestId, start, method,
                clientHeaders.first("Accept"), clientHeaders.first("Content-Type"),
                contentLength == 0 && !hasBody && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")));

        int uriLength = rawPath.length() + (rawQuery == null ? 0 : rawQuery.length() + 1);
        if (maxUriLength > 0 && uriLength > maxUriLength) {
            respondLayerError(state, 414, null);
            return state;
        }
        if (maxHeaderSize > 0 && headerBytes > maxHeaderSize) {
            respondLayerError(state, 400, ErrorResponses.HEADER_TOO_LARGE);
            return state;
        }
        if (method.equals("TRACE")) {
            respondLayerError(state, 405, null);
            return state;
        }
        if (maxBodySize > 0 && contentLength > maxBodySize) {
            respondLayerError(state, 413, null);
            return state;
        }

        PluginPlans pluginPlans = plans.get(snapshot);
        runner.rewrite(pluginPlans.rewrite());
        if (exchange.exited()) {
            runner.resolveOnly(pluginPlans.global());
            respondExit(state);
            return state;
        }

        String host = hostOnly(clientHeaders.first("Host"));
        RequestFacts facts = new RequestFacts(method, host, clientRequest.getLocalPort(), path, scheme, clientHeaders);
        RouteMatch match = routers.get(snapshot).match(facts);
        if (match == null) {
            runner.resolveOnly(pluginPlans.global());
            respondKongError(state, 404, legacy ? ErrorResponses.NO_ROUTE_LEGACY : ErrorResponses.NO_ROUTE);
            return state;
        }
        exchange.context().put("uri_captures", match.uriCaptures());
        if (match.route() != null) {
            exchange.context().put("route", match.route());
        }
        if (match.service() != null) {
            exchange.context().put("service", match.service());
        }
        String forwardedProto = address.trusted() && clientHeaders.contains("X-Forwarded-Proto")
                ? clientHeaders.first("X-Forwarded-Proto").toLowerCase(Locale.ROOT) : scheme;
        if (rejectProtocol(state, match, forwardedProto, clientHeaders, rawPath, rawQuery)) {
            return state;
        }

        PluginPlan plan = pluginPlans.forMatch(match);
        Target target = Target.of(match);
        Routed routed = new Routed(match, plan, target, clientHeaders, address, scheme, host, clientRequest.getLocalPort(),
                rawPath, clientRequest.getProtocol(), path, hasBody);
        if ((plan.needsRequestBody() || retryableSmallBody(method, contentLength, target)) && hasBody) {
            BodyCollector.collect(state, maxBodySize > 0 ? maxBodySize : DEFAULT_BUFFER_LIMIT, new BodyCollector.Outcome() {
                @Override
                public void complete(AsyncRelay relay, byte[] body) {
                    exchange.bufferedBody(body);
                    continueAsync(state, relay, () -> forward(state, routed, relay));
                }

                @Override
                public void reject(AsyncRelay relay, int status) {
                    continueAsync(state, relay, () -> {
                        respondLayerError(state, status, null);
                        return false;
                    });
                }

                @Override
                public void abandon(AsyncRelay relay) {
                    endAsync(state, relay);
                }
            });
            return state;
        }
        forward(state, routed, null);
        return state;
    }

    /** What routing decided, carried over to where the request continues. */
    private record Routed(RouteMatch match, PluginPlan plan, Target target, HeaderList clientHeaders, ClientAddress address,
            String scheme, String host, int localPort, String rawPath, String protocol, String path, boolean hasBody) {
    }

    /** One step of a request that continues in async mode; true when the upstream call took it over. */
    private interface AsyncStep {
        boolean run() throws IOException;
    }

    /**
     * Runs the rest of a request on a container callback. Whatever it answers itself ends the
     * async exchange here; errors get the 500 that {@link #handle} would have given.
     */
    private void continueAsync(RequestState state, AsyncRelay relay, AsyncStep step) {
        try {
            if (step.run()) {
                return;
            }
        } catch (Exception | LinkageError e) {
            LOG.log(Level.SEVERE, "proxy request " + state.requestId() + " failed", e);
            if (!state.clientResponse().isCommitted()) {
                try {
                    state.clientResponse().resetBuffer();
                    respondLayerError(state, 500, null);
                } catch (IOException | RuntimeException clientGone) {
                    LOG.log(Level.FINE, "could not send the error response", clientGone);
                }
            }
        }
        endAsync(state, relay);
    }

    private void endAsync(RequestState state, AsyncRelay relay) {
        relay.complete();
        log(state);
    }

    /**
     * Forwarded headers, the access phase, then the upstream call. Returns true when the upstream
     * call took the request over, false when it was answered here.
     */
    private boolean forward(RequestState state, Routed routed, AsyncRelay relay) throws IOException {
        ProxyExchange exchange = state.exchange();
        RouteMatch match = routed.match();
        Target target = routed.target();
        String strippedPrefix = match.stripPath() ? match.matchedPrefix() : null;
        ForwardedHeaders.apply(routed.clientHeaders(), exchange.upstreamHeaders(), new ForwardedHeaders.Inbound(routed.address(),
                routed.scheme(), routed.host(), routed.localPort(), routed.rawPath(), routed.protocol()), strippedPrefix);
        exchange.upstreamHeaders().set("X-Kong-Request-Id", state.requestId());

        state.runner().access(routed.plan());
        if (exchange.exited()) {
            respondExit(state);
            return false;
        }
        if (target == null) {
            respondKongError(state, 503, ErrorResponses.NO_SERVICE);
            return false;
        }
        String upstreamPath = PathNormalizer.escapeForUpstream(UpstreamPath.build(target.basePath(), routed.path(), strippedPrefix));
        String query = exchange.upstreamRawQuery();
        String pathAndQuery = query == null ? upstreamPath : upstreamPath + "?" + query;
        HeaderList clientHeaders = routed.clientHeaders();
        String hostHeader = match.preserveHost() && clientHeaders.contains("Host") ? clientHeaders.first("Host") : target.hostHeader();
        boolean stream = routed.hasBody() && exchange.upstreamBody() == null;
        new ProxyCall(this, state, target, pathAndQuery, hostHeader, stream, relay).start();
        return true;
    }

    /**
     * Kong buffers request bodies, so it can retry an idempotent request after a dropped
     * connection. Gatehouse streams bodies instead, except small ones of idempotent requests
     * to services that allow retries: those are read first so a retry can send them again.
     */
    private static boolean retryableSmallBody(String method, long contentLength, Target target) {
        if (contentLength <= 0 || contentLength > RETRYABLE_BODY_LIMIT || ProxyCall.NON_IDEMPOTENT.contains(method)) {
            return false;
        }
        return target != null && target.retries() > 0;
    }

    /** §3.4: https-only routes and APIs, and gRPC routes reached over HTTP/1. */
    private boolean rejectProtocol(RequestState state, RouteMatch match, String proto, HeaderList headers, String rawPath,
            String rawQuery) throws IOException {
        boolean httpsOnly;
        int redirectStatus = 426;
        if (match.route() != null) {
            Route route = match.route();
            boolean grpcOnly = !route.protocols().isEmpty() && route.protocols().stream().allMatch(p -> p.startsWith("grpc"));
            if (grpcOnly) {
                String type = headers.first("Content-Type");
                if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/grpc")) {
                    respondKongError(state, 415, "Non-gRPC request matched gRPC route");
                } else {
                    respondKongError(state, 426, "Please use HTTP2 protocol");
                }
                return true;
            }
            httpsOnly = route.protocols().contains("https") && !route.protocols().contains("http");
            redirectStatus = route.httpsRedirectStatusCode();
        } else {
            httpsOnly = match.api().httpsOnly();
            if (httpsOnly && match.api().httpIfTerminated() && "https".equals(proto)) {
                httpsOnly = false;
            }
            if (!match.api().httpIfTerminated()) {
                proto = state.clientRequest().getScheme();
            }
        }
        if (!httpsOnly || "https".equals(proto)) {
            return false;
        }
        if (redirectStatus == 426 || redirectStatus == 0) {
            state.clientResponse().setHeader("Connection", "Upgrade");
            state.clientResponse().setHeader("Upgrade", "TLS/1.2, HTTP/1.1");
            respondKongError(state, 426, "Please use HTTPS protocol");
        } else {
            String host = headers.first("Host") == null ? "" : hostOnly(headers.first("Host"));
            state.exchange().exit(redirectStatus, null,
                    Map.of("Location", "https://" + host + rawPath + (rawQuery == null ? "" : "?" + rawQuery)));
            respondExit(state);
        }
        return true;
    }

    /** Kong's {@code kong.response.error}: JSON unless the client's Accept asks otherwise. */
    void respondKongError(RequestState state, int status, String message) throws IOException {
        ErrorResponses.Rendered rendered = ErrorResponses.kongError(status, message, state.requestId(), state.accept(), legacy);
        respondGenerated(state, status, rendered.contentType(), rendered.body(), Map.of());
    }

    /** HTTP-layer errors (limits, upstream failures): Accept, then Content-Type, then text/plain. */
    void respondLayerError(RequestState state, int status, String message) throws IOException {
        ErrorResponses.Rendered rendered = ErrorResponses.layerError(status, message, state.requestId(), state.accept(),
                state.contentType(), legacy);
        respondGenerated(state, status, rendered.contentType(), rendered.body(), Map.of());
    }

    private void respondExit(RequestState state) throws IOException {
        ProxyExchange.Exit exit = state.exchange().exitResponse();
        Object body = exit.body();
        byte[] bytes;
        String contentType = null;
        if (body == null) {
            bytes = new byte[0];
        } else if (body instanceof ProxyExchange.ErrorMessage error) {
            ErrorResponses.Rendered rendered = ErrorResponses.kongError(exit.status(), error.message(), state.requestId(),
                    state.accept(), legacy);
            bytes = rendered.body();
            contentType = rendered.contentType();
        } else if (body instanceof byte[] raw) {
            bytes = raw;
        } else if (body instanceof CharSequence text) {
            bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            contentType = "text/plain; charset=utf-8";
        } else {
            bytes = Json.writeBytes(body);
            contentType = "application/json; charset=utf-8";
        }
        respondGenerated(state, exit.status(), contentType, bytes, exit.headers());
    }

    /** A response the gateway makes itself; header_filter plugins still see it, as in Kong. */
    private void respondGenerated(RequestState state, int status, String contentType, byte[] body, Map<String, String> extra)
            throws IOException {
        ProxyExchange exchange = state.exchange();
        HeaderList headers = exchange.responseHeaders();
        headers.fields().clear();
        if (contentType != null) {
            headers.set("Content-Type", contentType);
        }
        extra.forEach(headers::set);
        headers.set("Server", Gatehouse.PRODUCT);
        headers.set("X-Kong-Response-Latency", Long.toString((System.nanoTime() - state.startNanos()) / 1_000_000));
        headers.set("X-Kong-Request-Id", state.requestId());
        exchange.responseStatus(status);
        exchange.clearExit();
        state.runner().headerFilter();
        if (state.runner().filtersBody()) {
            body = state.runner().bodyFilter(body, true);
        }

        HttpServletResponse clientResponse = state.clientResponse();
        clientResponse.setStatus(exchange.responseStatus());
        for (HeaderList.Field field : headers.fields()) {
            if (field.name().equalsIgnoreCase("Content-Length")) {
                continue;
            }
            ResponseHeaders.add(clientResponse, field.name(), field.value());
        }
        boolean head = state.method().equals("HEAD");
        clientResponse.setContentLength(body.length);
        if (!head && body.length > 0) {
            clientResponse.getOutputStream().write(body);
        }
        if (!state.clientRequest().isAsyncStarted()) {
            log(state);
            if (bodyLeftUnread(state)) {
                BodyDiscard.afterAnswer(state);
            }
        }
    }

    /** True when the client sent a body and the request is answered before anything read it. */
    private static boolean bodyLeftUnread(RequestState state) {
        HttpServletRequest clientRequest = state.clientRequest();
        return clientRequest.getContentLengthLong() > 0 || clientRequest.getHeader("Transfer-Encoding") != null;
    }

    /** Runs the log phase on the log executor, never on a request or reactor thread. */
    void log(RequestState state) {
        if (!state.runner().hasLogPhase()) {
            // A hand-over to the log executor per request is measurable; skip it when no plugin logs.
            return;
        }
        try {
            logExecutor.execute(state.runner()::log);
        } catch (RejectedExecutionException e) {
            LOG.fine("log phase skipped: executor shut down");
        }
    }

    UpstreamClient upstream() {
        return upstream;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    long maxBodySize() {
        return maxBodySize;
    }

    private RequestState bareState(HttpServletRequest clientRequest, HttpServletResponse clientResponse, String requestId,
            long start) {
        ProxyExchange exchange = new ProxyExchange(snapshots.current(), clientRequest.getMethod(), "/", null,
                new HeaderList(), clientRequest.getScheme(), clientRequest.getRemoteAddr(), new HeaderList());
        return new RequestState(clientRequest, clientResponse, exchange, new PluginRunner(exchange, "http"), requestId, start,
                clientRequest.getMethod(), clientRequest.getHeader("Accept"), clientRequest.getContentType(), false);
    }

    /** The still-encoded path: routing on Tomcat's decoded servlet path would skip normalisation. */
    private static String pathWithinApplication(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        return !contextPath.isEmpty() && uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
    }

    /** Host header without port, lower-cased, without a trailing dot; null if absent. */
    static String hostOnly(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return null;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : host;
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host;
    }

    @Override
    public void close() {
        upstream.close();
        logExecutor.shutdown();
        timer.shutdownNow();
    }
}
