package io.gatehouse.proxy;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a request body that must be complete before the access phase (a plugin looks into it,
 * or a small idempotent body is kept for retries) without holding a container thread: the
 * servlet input is read non-blocking and the request continues from {@link #onAllDataRead}.
 * A client that trickles its body therefore costs one connection, never a worker thread.
 */
final class BodyCollector implements ReadListener, AsyncRelay.Failure {

    /** What happens once the body is known, or cannot be had. */
    interface Outcome {
        /** The whole body arrived; continue the request with it. */
        void complete(AsyncRelay relay, byte[] body) throws IOException;

        /** Answer with this status (413 body too large, 408 client too slow) and end the request. */
        void reject(AsyncRelay relay, int status) throws IOException;

        /** The client went away; end the request without an answer. */
        void abandon(AsyncRelay relay);
    }

    private final AsyncRelay relay;
    private final ServletInputStream input;
    private final long limit;
    private final Outcome outcome;
    private final ByteArrayOutputStream body;
    private final byte[] buffer = new byte[8192];
    private final AtomicBoolean done = new AtomicBoolean();

    private BodyCollector(AsyncRelay relay, ServletInputStream input, long limit, long expectedLength, Outcome outcome) {
        this.relay = relay;
        this.input = input;
        this.limit = limit;
        this.outcome = outcome;
        this.body = new ByteArrayOutputStream(expectedLength > 0 ? (int) Math.min(expectedLength, 64 * 1024) : 1024);
    }

    /** Puts the request in async mode and starts reading; {@code outcome} hears the result once. */
    static void collect(RequestState state, long limit, Outcome outcome) throws IOException {
        HttpServletRequest clientRequest = state.clientRequest();
        ServletInputStream input = clientRequest.getInputStream();
        long expected = clientRequest.getContentLengthLong();
        AsyncRelay.readBody(clientRequest, relay -> new BodyCollector(relay, input, limit, expected, outcome));
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (input.isReady()) {
            int n = input.read(buffer);
            if (n < 0) {
                return;
            }
            if (done.get()) {
                // Already answered (413): what still arrives is read and dropped, never kept.
                continue;
            }
            body.write(buffer, 0, n);
            if (body.size() > limit) {
                if (done.compareAndSet(false, true)) {
                    outcome.reject(relay, 413);
                }
                return;
            }
        }
    }

    @Override
    public void onAllDataRead() throws IOException {
        if (done.compareAndSet(false, true)) {
            outcome.complete(relay, body.toByteArray());
        }
    }

    @Override
    public void onError(Throwable t) {
        onAsyncFailure(t);
    }

    @Override
    public void onAsyncFailure(Throwable cause) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        if (cause instanceof SocketTimeoutException) {
            try {
                outcome.reject(relay, 408);
                return;
            } catch (IOException | RuntimeException clientGone) {
                // fall through: nobody is left to answer
            }
        }
        outcome.abandon(relay);
    }
}
