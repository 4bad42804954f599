package io.gatehouse.it.proxy.support;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread-per-connection HTTP/1.1 upstream on 127.0.0.1 and a random port (Java 17, no
 * virtual threads: an unbounded cached pool, so 1,000 concurrent slow exchanges are fine).
 * Unlike {@code UpstreamServer} it hands the handler the raw exchange, so a handler can stream
 * a body in or out, flush part of a response and wait, or drop the connection without answering.
 * Request heads are recorded as received (raw request target, header names as sent, in order).
 */
public final class TestUpstream implements AutoCloseable {

    /** Handles one request; it must consume the request body (or close) before returning. */
    @FunctionalInterface
    public interface Handler {
        void handle(Exchange exchange) throws Exception;
    }

    /** A recorded request head (and body, when the handler read it through {@link Exchange#body()}). */
    public record Seen(String method, String target, List<String[]> headers, byte[] body) {
        public String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        public List<String> headers(String name) {
            List<String> values = new ArrayList<>();
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    values.add(h[1]);
                }
            }
            return values;
        }

        public boolean has(String name) {
            return header(name) != null;
        }

        public String bodyText() {
            return body == null ? null : new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(method).append(' ').append(target);
            for (String[] h : headers) {
                sb.append("\n  ").append(h[0]).append(": ").append(h[1]);
            }
            return sb.toString();
        }
    }

    /** One request on a connection. */
    public static final class Exchange {
        private final String method;
        private final String target;
        private final List<String[]> headers;
        private final InputStream body;
        private final OutputStream out;
        private final Socket socket;
        private boolean close;

        Exchange(String method, String target, List<String[]> headers, InputStream body, OutputStream out, Socket socket) {
            this.method = method;
            this.target = target;
            this.headers = headers;
            this.body = body;
            this.out = out;
            this.socket = socket;
        }

        public String method() {
            return method;
        }

        public String target() {
            return target;
        }

        public String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        /** The request body, de-chunked and bounded by Content-Length. */
        public InputStream body() {
            return body;
        }

        public byte[] readBody() throws IOException {
            return body.readAllBytes();
        }

        public OutputStream out() {
            return out;
        }

        public Socket socket() {
            return socket;
        }

        /** Closes the connection after this exchange. */
        public void closeAfter() {
            close = true;
        }

        /** A complete response with Content-Length; headers are name/value pairs. */
        public void respond(int status, String body, String... headers) throws IOException {
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (!method.equals("HEAD")) {
                out.write(bytes);
            }
            out.flush();
        }

        /** Writes a response head for a chunked body; then use {@link #chunk} and {@link #endChunks}. */
        public void startChunked(int status, String... headers) throws IOException {
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            head.append("Transfer-Encoding: chunked\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        public void chunk(byte[] data, int off, int len) throws IOException {
            out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(data, off, len);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }

        public void chunk(String text) throws IOException {
            byte[] data = text.getBytes(StandardCharsets.UTF_8);
            chunk(data, 0, data.length);
            out.flush();
        }

        public void endChunks() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        private static String reason(int status) {
            return switch (status) {
                case 200 -> "OK";
                case 201 -> "Created";
                case 204 -> "No Content";
                case 404 -> "Not Found";
                case 500 -> "Internal Server Error";
                default -> "Status";
            };
        }
    }

    private final ServerSocket server;
    private final ExecutorService pool;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Seen> pending = new LinkedBlockingQueue<>();
    private final List<Seen> all = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private volatile Handler handler = TestUpstream::echo;
    private volatile boolean recordBodies = true;

    private TestUpstream(ServerSocket server) {
        this.server = server;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(null, r, "test-upstream-" + n.incrementAndGet(), 256 * 1024);
            t.setDaemon(true);
            return t;
        });
        pool.execute(this::acceptLoop);
    }

    public static TestUpstream start() {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2048);
            return new TestUpstream(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The default handler: body read; 200, a JSON echo of the method, the raw target in X-Upstream-Target. */
    public static void echo(Exchange ex) throws IOException {
        ex.readBody();
        ex.respond(200, "{\"method\":\"" + ex.method() + "\"}", "Content-Type", "application/json",
                "X-Upstream-Target", ex.target());
    }

    public TestUpstream handler(Handler handler) {
        this.handler = handler;
        return this;
    }

    /** Whether bodies read by handlers are kept in {@link Seen#body()} (off for huge uploads). */
    public TestUpstream recordBodies(boolean record) {
        this.recordBodies = record;
        return this;
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The next recorded request not yet taken, or null after the timeout. */
    public Seen next(Duration timeout) throws InterruptedException {
        return pending.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public List<Seen> seen() {
        return List.copyOf(all);
    }

    public int requestCount() {
        return all.size();
    }

    public int connectionCount() {
        return connections.get();
    }

    /** Requests currently inside the handler. */
    public int activeCount() {
        return active.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                sockets.add(socket);
                pool.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 65536);
            while (true) {
                String requestLine = RawHttp.line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                String[] parts = requestLine.split(" ");
                List<String[]> headers = RawHttp.readHeaders(in);
                String method = parts[0];
                String target = parts.length > 1 ? parts[1] : "";
                InputStream body = bodyStream(in, headers);
                ByteArrayOutputStream copy = recordBodies ? new ByteArrayOutputStream() : null;
                InputStream recorded = copy == null ? body : new FilterInputStream(body) {
                    @Override
                    public int read() throws IOException {
                        int c = super.read();
                        if (c >= 0) {
                            copy.write(c);
                        }
                        return c;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n > 0) {
                            copy.write(b, off, n);
                        }
                        return n;
                    }
                };
                Seen head = new Seen(method, target, List.copyOf(headers), null);
                all.add(head);
                pending.add(head);
                Exchange exchange = new Exchange(method, target, headers, recorded, out, socket);
                active.incrementAndGet();
                try {
                    handler.handle(exchange);
                } finally {
                    active.decrementAndGet();
                }
                if (copy != null) {
                    Seen withBody = new Seen(method, target, List.copyOf(headers), copy.toByteArray());
                    all.replaceAll(s -> s == head ? withBody : s);
                    if (pending.remove(head)) {
                        pending.add(withBody);
                    }
                }
                out.flush();
                String connection = exchange.header("Connection");
                if (exchange.close || (connection != null && connection.equalsIgnoreCase("close"))) {
                    return;
                }
            }
        } catch (SocketException closed) {
            // client or test went away
        } catch (Exception e) {
            // a handler failure drops the connection, like a crashed upstream
        } finally {
            sockets.remove(socket);
        }
    }

    private static InputStream bodyStream(InputStream in, List<String[]> headers) {
        String length = null;
        boolean chunked = false;
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase("Content-Length")) {
                length = h[1].trim();
            } else if (h[0].equalsIgnoreCase("Transfer-Encoding") && h[1].toLowerCase().contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            return new ChunkedInputStream(in);
        }
        long n = length == null ? 0 : Long.parseLong(length);
        return new BoundedInputStream(in, n);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        pool.shutdownNow();
    }

    /** At most {@code remaining} bytes of the underlying stream; never closes it. */
    public static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        public BoundedInputStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int c = in.read();
            if (c >= 0) {
                remaining--;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }

    /** A de-chunking view of the underlying stream. */
    public static final class ChunkedInputStream extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        public ChunkedInputStream(InputStream in) {
            this.in = in;
        }

        private boolean fill() throws IOException {
            if (done) {
                return false;
            }
            if (left == 0) {
                String size = RawHttp.line(in);
                if (size == null) {
                    throw new IOException("truncated chunked body");
                }
                if (size.isEmpty()) {
                    size = RawHttp.line(in);
                }
                int semi = size.indexOf(';');
                left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (left == 0) {
                    for (String t; (t = RawHttp.line(in)) != null && !t.isEmpty(); ) {
                        // trailers ignored
                    }
                    done = true;
                    return false;
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!fill()) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("truncated chunk");
            }
            left -= n;
            if (left == 0) {
                RawHttp.line(in);
            }
            return n;
        }
    }
}
