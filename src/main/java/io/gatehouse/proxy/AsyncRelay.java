package io.gatehouse.proxy;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * The servlet async context of one proxied request. Listeners can only be added during the
 * dispatch that started async mode, but a request may change hands afterwards (first the body
 * collector, then the upstream call), so one listener is registered here and relays the
 * container's error and timeout events to whoever drives the request now.
 */
final class AsyncRelay implements AsyncListener {

    /** What the current driver of the request does when the container reports a failure. */
    interface Failure {
        void onAsyncFailure(Throwable cause);
    }

    private final AsyncContext context;
    private volatile Failure driver = cause -> { };

    private AsyncRelay(AsyncContext context) {
        this.context = context;
    }

    /** Enters async mode; the gateway's own timeouts apply, so the container's is switched off. */
    static AsyncRelay start(HttpServletRequest clientRequest) {
        AsyncContext context = clientRequest.startAsync();
        context.setTimeout(0);
        AsyncRelay relay = new AsyncRelay(context);
        context.addListener(relay);
        return relay;
    }

    /**
     * Enters async mode and reads the request body with the listener {@code reader} makes; the
     * listener also hears the container's failures.
     */
    static <L extends ReadListener & Failure> void readBody(HttpServletRequest clientRequest,
            java.util.function.Function<AsyncRelay, L> reader) throws IOException {
        AsyncRelay relay = start(clientRequest);
        L listener = reader.apply(relay);
        relay.drivenBy(listener);
        clientRequest.getInputStream().setReadListener(listener);
    }

    /** Ends the request; a no-op when the container already ended it after a client error. */
    void complete() {
        try {
            context.complete();
        } catch (IllegalStateException alreadyCompleted) {
            // nothing left to end
        }
    }

    void drivenBy(Failure failure) {
        driver = failure;
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        driver.onAsyncFailure(event.getThrowable());
    }

    @Override
    public void onError(AsyncEvent event) {
        driver.onAsyncFailure(event.getThrowable());
    }

    @Override
    public void onComplete(AsyncEvent event) {
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}
