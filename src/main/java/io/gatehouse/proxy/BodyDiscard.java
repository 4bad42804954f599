package io.gatehouse.proxy;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads and drops the rest of a request body after the gateway has already answered (a 401
 * before the upload arrived, say), as nginx's lingering discard does. Left to itself, Tomcat
 * would read that rest on a worker thread at the client's pace; here it is read non-blocking,
 * so a client that never finishes its upload holds a connection, not a thread. Past
 * {@link #LIMIT} the connection is closed instead, as nobody should upload that much to be told no.
 */
final class BodyDiscard implements ReadListener, AsyncRelay.Failure {

    static final long LIMIT = 1024 * 1024;

    private final AsyncRelay relay;
    private final ServletInputStream input;
    private final HttpServletResponse response;
    private final byte[] buffer = new byte[8192];
    private final AtomicBoolean done = new AtomicBoolean();
    private long discarded;

    private BodyDiscard(AsyncRelay relay, ServletInputStream input, HttpServletResponse response) {
        this.relay = relay;
        this.input = input;
        this.response = response;
    }

    /** Sends the answer written so far, then discards the body; the request ends with it. */
    static void afterAnswer(RequestState state) throws IOException {
        state.clientResponse().flushBuffer();
        ServletInputStream input = state.clientRequest().getInputStream();
        AsyncRelay.readBody(state.clientRequest(), relay -> new BodyDiscard(relay, input, state.clientResponse()));
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (input.isReady()) {
            int n = input.read(buffer);
            if (n < 0) {
                return;
            }
            discarded += n;
            if (discarded > LIMIT) {
                ConnectionAbort.closeNow(response);
                end();
                return;
            }
        }
    }

    @Override
    public void onAllDataRead() {
        end();
    }

    @Override
    public void onError(Throwable t) {
        end();
    }

    @Override
    public void onAsyncFailure(Throwable cause) {
        end();
    }

    private void end() {
        if (done.compareAndSet(false, true)) {
            relay.complete();
        }
    }
}
