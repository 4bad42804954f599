package io.gatehouse.proxy;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Streams the upstream response to the client. The servlet output is non-blocking: upstream
 * data is written while the output is ready and queued otherwise, and the upstream read window
 * is only reopened once the queue has drained, so a slow client slows the upstream instead of
 * filling the heap. Each chunk is flushed at once, which keeps SSE and long-polling live.
 */
final class ResponseStream implements AsyncResponseConsumer<Void>, WriteListener {

    /** Extra upstream window granted at a time; bounds what can queue behind a slow client. */
    private static final int WINDOW = 64 * 1024;

    /** What the stream needs from the call it belongs to. */
    interface Owner {
        /** Sets status and headers on the client response; true when a body should follow. */
        boolean onResponseHead(HttpResponse upstreamResponse, EntityDetails entity) throws IOException;

        ServletOutputStream clientOutput() throws IOException;

        /** Kong's body_filter: what to send for this chunk ({@code last} marks the end of the body). */
        byte[] filterBody(byte[] chunk, boolean last);

        /** The body is completely written (or the response had none). */
        void onResponseComplete();

        /** The client went away or the connection broke while writing. */
        void onClientError(Throwable t);
    }

    private final Owner owner;
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private ServletOutputStream output;
    private CapacityChannel capacity;
    private int owed;
    private boolean ended;
    private boolean done;
    private volatile boolean committed;
    private FutureCallback<Void> result;

    ResponseStream(Owner owner) {
        this.owner = owner;
    }

    /** True once the client response has a status: from then on an error cannot be retried or rendered. */
    boolean committed() {
        return committed;
    }

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context, FutureCallback<Void> callback)
            throws HttpException, IOException {
        result = callback;
        committed = true;
        boolean body = owner.onResponseHead(response, entity);
        if (!body) {
            synchronized (this) {
                ended = true;
                done = true;
            }
            owner.onResponseComplete();
            callback.completed(null);
            return;
        }
        synchronized (this) {
            output = owner.clientOutput();
        }
        output.setWriteListener(this);
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // 1xx from upstream: Tomcat sends its own 100-continue; others are not relayed.
    }

    @Override
    public synchronized void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        boolean first = capacity == null;
        capacity = capacityChannel;
        if (first) {
            capacityChannel.update(WINDOW);
        } else {
            grantIfDrained();
        }
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        byte[] bytes = new byte[src.remaining()];
        src.get(bytes);
        int received = bytes.length;
        byte[] filtered = owner.filterBody(bytes, false);
        synchronized (this) {
            if (filtered.length > 0) {
                queue.add(filtered);
            }
            // The upstream window is reopened by what was received, whatever the filter made of it.
            owed += received;
            drain();
        }
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) throws IOException {
        byte[] tail = owner.filterBody(new byte[0], true);
        synchronized (this) {
            if (tail.length > 0) {
                queue.add(tail);
            }
            ended = true;
            drain();
        }
    }

    @Override
    public void onWritePossible() throws IOException {
        synchronized (this) {
            drain();
        }
    }

    @Override
    public void onError(Throwable t) {
        synchronized (this) {
            done = true;
            queue.clear();
        }
        owner.onClientError(t);
    }

    /** Writes what the output takes now; completes the response once the end is written. */
    private void drain() throws IOException {
        if (output == null || done) {
            return;
        }
        boolean wrote = false;
        while (!queue.isEmpty() && output.isReady()) {
            output.write(queue.poll());
            wrote = true;
        }
        if (!output.isReady()) {
            return;
        }
        if (wrote) {
            output.flush();
            if (!output.isReady()) {
                return;
            }
        }
        if (queue.isEmpty() && ended) {
            done = true;
            owner.onResponseComplete();
            if (result != null) {
                result.completed(null);
            }
            return;
        }
        grantIfDrained();
    }

    private void grantIfDrained() throws IOException {
        if (capacity != null && owed > 0 && queue.isEmpty()) {
            int grant = owed;
            owed = 0;
            capacity.update(grant);
        }
    }

    @Override
    public void failed(Exception cause) {
        // Reported to ProxyCall through the execute callback.
    }

    @Override
    public void releaseResources() {
    }
}
