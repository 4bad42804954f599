package io.gatehouse.proxy;

import io.gatehouse.web.ResponseHeaders;
import io.gatehouse.core.Gatehouse;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.util.Timeout;

/**
 * One proxied request after the access phase: the upstream exchange, its retries and the
 * response. The container thread is released as soon as the request is handed to HttpClient;
 * everything after runs on HttpClient's reactor thread or on Tomcat's async I/O callbacks.
 *
 * <p>Retries follow Kong (nginx {@code proxy_next_upstream error timeout}): only on connection
 * errors and timeouts, never on an HTTP status, never once the client response is committed,
 * and a non-idempotent request is retried only if it never reached the upstream. A streamed
 * body is retried only if none of it was sent, since it cannot be read twice.
 */
final class ProxyCall implements FutureCallback<Void>, ResponseStream.Owner {

    private static final Logger LOG = Logger.getLogger(ProxyCall.class.getName());
    static final Set<String> NON_IDEMPOTENT = Set.of("POST", "PATCH", "LOCK");
    /** Upper bound on waiting for a pooled connection: a full pool should fail fast, not queue. */
    private static final int MAX_POOL_WAIT_MS = 2000;

    private final ProxyEngine engine;
    private final RequestState state;
    private final Target target;
    private final String pathAndQuery;
    private final String hostHeader;
    private final boolean streamBody;
    private final AsyncRelay relay;
    private final AtomicBoolean finished = new AtomicBoolean();
    private AsyncRelay async;
    private RequestBodyStream stream;
    private volatile ResponseStream responseStream;
    private volatile Future<Void> inFlight;
    private int attempts;
    private long sentNanos;
    private long proxyLatencyMs = -1;

    /**
     * @param relay the request's async context when an earlier step already started it (the body
     *     was collected first), or null to start it here
     */
    ProxyCall(ProxyEngine engine, RequestState state, Target target, String pathAndQuery, String hostHeader, boolean streamBody,
            AsyncRelay relay) {
        this.engine = engine;
        this.relay = relay;
        this.state = state;
        this.target = target;
        this.pathAndQuery = pathAndQuery;
        this.hostHeader = hostHeader;
        this.streamBody = streamBody;
    }

    void start() throws IOException {
        HttpServletRequest clientRequest = state.clientRequest();
        AsyncRelay current = relay != null ? relay : AsyncRelay.start(clientRequest);
        async = current;
        current.drivenBy(cause -> {
            abortUpstream();
            finish();
        });
        if (streamBody) {
            stream = new RequestBodyStream(clientRequest.getInputStream(), clientRequest.getContentLengthLong(),
                    engine.maxBodySize(), new RequestBodyStream.WriteTimeout(target.writeTimeoutMs(), engine.timer(),
                            this::abortUpstream));
            stream.start();
        }
        attempt();
    }

    private void attempt() {
        attempts++;
        HttpHost host = new HttpHost(target.scheme(), target.host(), target.port());
        BasicHttpRequest upstreamRequest = new BasicHttpRequest(state.method(), host, pathAndQuery);
        for (HeaderList.Field field : state.exchange().upstreamHeaders().fields()) {
            upstreamRequest.addHeader(field.name(), field.value());
        }
        upstreamRequest.setHeader("Host", hostHeader);
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(requestConfig());
        if (!state.exchange().upstreamHeaders().contains("User-Agent")) {
            context.setAttribute(UpstreamClient.NO_USER_AGENT, Boolean.TRUE);
        }
        ResponseStream response = new ResponseStream(this);
        responseStream = response;
        sentNanos = System.nanoTime();
        if (proxyLatencyMs < 0) {
            proxyLatencyMs = (sentNanos - state.startNanos()) / 1_000_000;
        }
        inFlight = engine.upstream().client().execute(host, new BasicRequestProducer(upstreamRequest, entity()),
                response, null, context, this);
    }

    private AsyncEntityProducer entity() {
        byte[] body = state.exchange().upstreamBody();
        if (body != null) {
            return new BasicAsyncEntityProducer(body, null);
        }
        if (stream != null) {
            stream.rebind();
            return stream;
        }
        return state.sendsEmptyBody() ? new BasicAsyncEntityProducer(new byte[0], null) : null;
    }

    @SuppressWarnings("deprecation")
    /** Services share a handful of timeout pairs; building a RequestConfig per request showed in profiles. */
    private static final java.util.concurrent.ConcurrentHashMap<Long, RequestConfig> REQUEST_CONFIGS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private RequestConfig requestConfig() {
        long key = ((long) target.connectTimeoutMs() << 32) | (target.readTimeoutMs() & 0xffffffffL);
        if (REQUEST_CONFIGS.size() > 1024) {
            REQUEST_CONFIGS.clear();
        }
        return REQUEST_CONFIGS.computeIfAbsent(key, ignored -> buildRequestConfig());
    }

    private RequestConfig buildRequestConfig() {
        // HttpClient has one socket timeout for an exchange; the read timeout is the one Kong
        // applies to the wait for the response, which is what clients notice.
        int socketMs = Math.max(target.readTimeoutMs(), 1);
        return RequestConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(Math.max(target.connectTimeoutMs(), 1)))
                .setConnectionRequestTimeout(Timeout.ofMilliseconds(Math.min(Math.max(target.connectTimeoutMs(), 1), MAX_POOL_WAIT_MS)))
                .setResponseTimeout(Timeout.ofMilliseconds(socketMs))
                .setRedirectsEnabled(false)
                .setContentCompressionEnabled(false)
                .build();
    }

    @Override
    public boolean onResponseHead(HttpResponse upstreamResponse, EntityDetails entity) throws IOException {
        long now = System.nanoTime();
        HeaderList headers = new HeaderList();
        for (Header header : upstreamResponse.getHeaders()) {
            headers.add(header.getName(), header.getValue());
        }
        String contentLength = headers.first("Content-Length");
        HopByHop.stripResponse(headers);
        java.util.List<String> via = headers.all("Via");
        headers.set("Via", ForwardedHeaders.appendVia(via.isEmpty() ? null : String.join(", ", via), "1.1"));
        if (!headers.contains("Server")) {
            headers.set("Server", Gatehouse.PRODUCT);
        }
        headers.set("X-Kong-Upstream-Latency", Long.toString((now - sentNanos) / 1_000_000));
        headers.set("X-Kong-Proxy-Latency", Long.toString(proxyLatencyMs));
        headers.set("X-Kong-Request-Id", state.requestId());
        ProxyExchange exchange = state.exchange();
        exchange.responseStatus(upstreamResponse.getCode());
        exchange.responseHeaders().fields().addAll(headers.fields());
        state.runner().headerFilter();

        HttpServletResponse clientResponse = state.clientResponse();
        clientResponse.setStatus(exchange.responseStatus());
        for (HeaderList.Field field : exchange.responseHeaders().fields()) {
            ResponseHeaders.add(clientResponse, field.name(), field.value());
        }
        boolean body = entity != null && !state.method().equals("HEAD");
        if (state.runner().filtersBody()) {
            // A body_filter may change the length; the client gets the result chunked.
            return body;
        }
        if (entity != null && entity.getContentLength() >= 0) {
            clientResponse.setContentLengthLong(entity.getContentLength());
        } else if (entity == null && contentLength != null) {
            // HEAD and 304 answers describe a body that is not sent; keep the upstream's figure.
            clientResponse.setHeader("Content-Length", contentLength);
        }
        return body;
    }

    @Override
    public byte[] filterBody(byte[] chunk, boolean last) {
        return state.runner().filtersBody() ? state.runner().bodyFilter(chunk, last) : chunk;
    }

    @Override
    public ServletOutputStream clientOutput() throws IOException {
        return state.clientResponse().getOutputStream();
    }

    @Override
    public void onResponseComplete() {
        finish();
    }

    @Override
    public void onClientError(Throwable t) {
        abortUpstream();
        finish();
    }

    @Override
    public void completed(Void result) {
        // The response stream completes the client response itself.
    }

    @Override
    public void failed(Exception cause) {
        ResponseStream response = responseStream;
        if (finished.get()) {
            return;
        }
        if (writeTimedOut()) {
            respondWriteTimeout();
            return;
        }
        if (response != null && response.committed()) {
            // Mid-body failure: nothing truthful can be appended; end the client response here.
            LOG.log(Level.FINE, "upstream failed after the response started", cause);
            ConnectionAbort.closeNow(state.clientResponse());
            finish();
            return;
        }
        if (mayRetry(cause)) {
            attempt();
            return;
        }
        respondError(cause);
    }

    @Override
    public void cancelled() {
        if (writeTimedOut() && !finished.get()) {
            respondWriteTimeout();
            return;
        }
        finish();
    }

    private void respondWriteTimeout() {
        respondError(new SocketTimeoutException("the upstream took no request body for write_timeout"));
    }

    /** A stalled upload is answered, never retried: the body already sent cannot be sent again. */
    private boolean writeTimedOut() {
        ResponseStream response = responseStream;
        return stream != null && stream.timedOut() && (response == null || !response.committed());
    }

    private boolean mayRetry(Exception cause) {
        if (attempts > target.retries() || cause instanceof RequestBodyStream.TooLarge
                || cause instanceof UnknownHostException || isPoolTimeout(cause)) {
            return false;
        }
        if (stream != null && stream.bytesSent() > 0) {
            return false;
        }
        boolean neverSent = cause instanceof ConnectException || cause instanceof NoRouteToHostException
                || cause instanceof ConnectTimeoutException;
        if (neverSent) {
            return true;
        }
        boolean connectionError = cause instanceof IOException || cause instanceof TimeoutException;
        return connectionError && !NON_IDEMPOTENT.contains(state.method());
    }

    private static boolean isPoolTimeout(Exception cause) {
        return cause.getClass().getSimpleName().equals("ConnectionRequestTimeoutException");
    }

    private void respondError(Exception cause) {
        LOG.log(Level.FINE, "upstream request failed", cause);
        try {
            if (cause instanceof RequestBodyStream.TooLarge) {
                engine.respondLayerError(state, 413, null);
            } else if (cause instanceof UnknownHostException) {
                engine.respondKongError(state, 503, ErrorResponses.NAME_RESOLUTION_FAILED);
            } else if (isPoolTimeout(cause)) {
                engine.respondLayerError(state, 503, null);
            } else if (cause instanceof InterruptedIOException || cause instanceof TimeoutException) {
                engine.respondLayerError(state, 504, null);
            } else {
                engine.respondLayerError(state, 502, null);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "could not send the error response", e);
        }
        finish();
    }

    private void abortUpstream() {
        Future<Void> future = inFlight;
        if (future != null) {
            future.cancel(true);
        }
    }

    /** Completes the client exchange once, then runs the log phase off the request path. */
    private void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        async.complete();
        engine.log(state);
    }
}
