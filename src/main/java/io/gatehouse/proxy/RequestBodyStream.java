package io.gatehouse.proxy;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * Streams the client's request body upstream with back-pressure in both directions: the servlet
 * input is read (non-blocking) only while less than {@link #WINDOW} bytes wait to be sent, and
 * the upstream channel is asked for output only when bytes are waiting.
 *
 * <p>Reads happen on Tomcat's thread ({@link #onDataAvailable}) and, after a full window was
 * drained, on the I/O reactor thread ({@link #produce}); one lock keeps them apart.
 *
 * <p>The service's {@code write_timeout} is enforced here, as nginx's {@code proxy_send_timeout}:
 * it bounds the time between two successful writes while bytes wait for the upstream to take
 * them. Waiting for the client to send more is not the upstream's fault and does not count.
 */
final class RequestBodyStream implements AsyncEntityProducer, ReadListener {

    private static final int WINDOW = 64 * 1024;
    private static final int CHUNK = 8 * 1024;

    /** Thrown upstream-side when the body grows past the configured limit. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("request body larger than max_body_size");
        }
    }

    private final ServletInputStream input;
    private final long contentLength;
    private final long maxBodySize;
    private final Deque<ByteBuffer> queue = new ArrayDeque<>();
    private int queued;
    private long received;
    private long sent;
    private boolean endOfInput;
    private Throwable failure;
    private DataStreamChannel channel;
    private final WriteTimeout writeTimeout;
    /** When the upstream last took bytes, or when bytes started waiting for it. */
    private long lastProgressNanos;
    private ScheduledFuture<?> stallCheck;
    private boolean timedOut;

    /** The write timeout: how long bytes may wait for the upstream, the timer, what to call. */
    record WriteTimeout(long millis, ScheduledExecutorService timer, Runnable onTimeout) {
    }

    RequestBodyStream(ServletInputStream input, long contentLength, long maxBodySize, WriteTimeout writeTimeout) {
        this.input = input;
        this.contentLength = contentLength;
        this.maxBodySize = maxBodySize;
        this.writeTimeout = writeTimeout;
    }

    /** Starts reading; Tomcat calls back when data is available. */
    void start() {
        input.setReadListener(this);
    }

    /** Bytes already handed to the upstream connection: after that, the body cannot be replayed. */
    synchronized long bytesSent() {
        return sent;
    }

    /** Bytes already taken from the client: after that, a retry has no body to send. */
    synchronized long bytesReceived() {
        return received;
    }

    @Override
    public void onDataAvailable() throws IOException {
        synchronized (this) {
            pump();
        }
    }

    @Override
    public void onAllDataRead() {
        synchronized (this) {
            endOfInput = true;
            wake();
        }
    }

    @Override
    public void onError(Throwable t) {
        synchronized (this) {
            failure = t;
            wake();
        }
    }

    private void pump() throws IOException {
        boolean got = false;
        while (!endOfInput && queued < WINDOW && input.isReady()) {
            byte[] buffer = new byte[CHUNK];
            int n = input.read(buffer);
            if (n < 0) {
                endOfInput = true;
                break;
            }
            if (n > 0) {
                received += n;
                if (queue.isEmpty()) {
                    lastProgressNanos = System.nanoTime();
                }
                queue.add(ByteBuffer.wrap(buffer, 0, n));
                queued += n;
                got = true;
            }
            if (input.isFinished()) {
                endOfInput = true;
            }
        }
        if (maxBodySize > 0 && received > maxBodySize) {
            failure = new TooLarge();
        }
        if (got || endOfInput || failure != null) {
            wake();
        }
        if (got && channel != null) {
            watchForStall();
        }
    }

    private void wake() {
        if (channel != null) {
            channel.requestOutput();
        }
    }

    @Override
    public synchronized int available() {
        // Until the channel is known, claim data so the client calls produce() and hands it over.
        if (channel == null || failure != null || endOfInput) {
            return Math.max(queued, 1);
        }
        return queued;
    }

    @Override
    public synchronized void produce(DataStreamChannel streamChannel) throws IOException {
        channel = streamChannel;
        if (failure != null) {
            throw failure instanceof IOException io ? io : new IOException(failure);
        }
        while (!queue.isEmpty()) {
            ByteBuffer head = queue.peek();
            int written = streamChannel.write(head);
            sent += written;
            queued -= written;
            if (written > 0) {
                lastProgressNanos = System.nanoTime();
            }
            if (head.hasRemaining()) {
                watchForStall();
                return;
            }
            queue.poll();
        }
        if (endOfInput) {
            streamChannel.endStream();
            return;
        }
        // The window is drained: take more from the client if Tomcat has it.
        pump();
    }

    /**
     * Bytes wait for the upstream: check back once the write timeout could have passed. The
     * connection may also have taken them into its own buffer and stopped asking for more, so
     * waiting bytes count whether or not a write came back short.
     */
    private void watchForStall() {
        if (stallCheck != null || timedOut || queue.isEmpty()) {
            return;
        }
        long remainingNanos = TimeUnit.MILLISECONDS.toNanos(writeTimeout.millis()) - (System.nanoTime() - lastProgressNanos);
        try {
            stallCheck = writeTimeout.timer().schedule(this::checkStall, Math.max(remainingNanos, 0), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // The node is stopping; the socket timeout still ends the exchange.
        }
    }

    private void checkStall() {
        synchronized (this) {
            stallCheck = null;
            if (queue.isEmpty() || channel == null) {
                return;
            }
            if (System.nanoTime() - lastProgressNanos < TimeUnit.MILLISECONDS.toNanos(writeTimeout.millis())) {
                watchForStall();
                return;
            }
            timedOut = true;
        }
        writeTimeout.onTimeout().run();
    }

    /** True once the upstream stopped taking the body for longer than the write timeout. */
    synchronized boolean timedOut() {
        return timedOut;
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public void failed(Exception cause) {
        // An upstream failure: the client side is still intact, so a retry may reuse this stream.
    }

    /** Prepares for another attempt: the next connection's channel is picked up on produce(). */
    synchronized void rebind() {
        channel = null;
        if (stallCheck != null) {
            stallCheck.cancel(false);
            stallCheck = null;
        }
    }

    @Override
    public long getContentLength() {
        return contentLength;
    }

    @Override
    public String getContentType() {
        return null;
    }

    @Override
    public String getContentEncoding() {
        return null;
    }

    @Override
    public boolean isChunked() {
        return contentLength < 0;
    }

    @Override
    public Set<String> getTrailerNames() {
        return null;
    }

    @Override
    public synchronized void releaseResources() {
        if (stallCheck != null) {
            stallCheck.cancel(false);
            stallCheck = null;
        }
    }
}
