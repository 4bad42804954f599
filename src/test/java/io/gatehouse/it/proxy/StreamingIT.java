package io.gatehouse.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.it.proxy.support.Gateway;
import io.gatehouse.it.proxy.support.HeapMonitor;
import io.gatehouse.it.proxy.support.RawHttp;
import io.gatehouse.it.proxy.support.TestUpstream;
import io.gatehouse.it.support.Deployments;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Streaming both ways (DESIGN §5): 1 GiB up and 1 GiB down pass with Tomcat's heap staying flat
 * (its JVM has -Xmx768m, so a buffered body could not even fit), and server-sent events reach
 * the client before the upstream has finished.
 */
@ExtendWith(ArquillianExtension.class)
class StreamingIT {

    private static final long GIB = 1L << 30;
    private static final long MAX_HEAP_GROWTH = 256L << 20;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    private final Gateway gw = new Gateway();

    /** Deterministic pseudo-random bytes, generated block by block (never held whole). */
    static final class Pattern {
        private long state;

        Pattern(long seed) {
            state = seed;
        }

        void fill(byte[] buffer, int len) {
            for (int i = 0; i + 8 <= len; i += 8) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                long v = state;
                for (int b = 0; b < 8; b++) {
                    buffer[i + b] = (byte) (v >>> (8 * b));
                }
            }
        }
    }

    private String route(TestUpstream upstream) {
        String p = "/" + Gateway.unique("st");
        String name = Gateway.unique("st");
        gw.service(name, upstream.url());
        gw.route(name, "paths", List.of(p));
        gw.sync();
        return p;
    }

    @Test
    void oneGibUploadStreamsThroughWithAFlatHeap() throws Exception {
        try (TestUpstream upstream = TestUpstream.start().recordBodies(false).handler(ex -> {
            CRC32 crc = new CRC32();
            long count = 0;
            byte[] buffer = new byte[1 << 16];
            InputStream body = ex.body();
            for (int n; (n = body.read(buffer)) >= 0; ) {
                crc.update(buffer, 0, n);
                count += n;
            }
            ex.respond(200, "{\"bytes\":" + count + ",\"crc\":" + crc.getValue() + "}", "Content-Type", "application/json");
        })) {
            String p = route(upstream);
            long baseline = HeapMonitor.heapUsed();
            CRC32 sent = new CRC32();
            RawHttp.Response response;
            try (HeapMonitor heap = HeapMonitor.start(100);
                    Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", RawHttp.PROXY_PORT), 5000);
                socket.setSoTimeout(120_000);
                OutputStream out = socket.getOutputStream();
                out.write(("PUT " + p + "/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Length: " + GIB + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                Pattern pattern = new Pattern(42);
                byte[] buffer = new byte[1 << 16];
                for (long done = 0; done < GIB; done += buffer.length) {
                    pattern.fill(buffer, buffer.length);
                    sent.update(buffer);
                    out.write(buffer);
                }
                out.flush();
                response = RawHttp.read(socket.getInputStream(), false);
                heap.close();
                long growth = heap.max() - baseline;
                assertTrue(heap.samples().size() > 3, "heap was sampled during the transfer");
                assertTrue(growth < MAX_HEAP_GROWTH, "heap grew by " + (growth >> 20) + " MiB during a 1 GiB upload (baseline "
                        + (baseline >> 20) + " MiB, samples " + heap.samples().size() + ")");
            }
            assertEquals(200, response.status(), response::toString);
            assertEquals(GIB, response.json().path("bytes").asLong(), "bytes the upstream received");
            assertEquals(sent.getValue(), response.json().path("crc").asLong(), "checksum of what the upstream received");
            assertEquals(Long.toString(GIB), upstream.seen().get(0).header("Content-Length"),
                    "a known length is forwarded as such");
        }
    }

    @Test
    void oneGibDownloadStreamsThroughWithAFlatHeap() throws Exception {
        AtomicLong sentCrc = new AtomicLong();
        try (TestUpstream upstream = TestUpstream.start().handler(ex -> {
            ex.readBody();
            ex.startChunked(200, "Content-Type", "application/octet-stream");
            Pattern pattern = new Pattern(7);
            CRC32 crc = new CRC32();
            byte[] buffer = new byte[1 << 16];
            for (long done = 0; done < GIB; done += buffer.length) {
                pattern.fill(buffer, buffer.length);
                crc.update(buffer);
                ex.chunk(buffer, 0, buffer.length);
            }
            ex.endChunks();
            sentCrc.set(crc.getValue());
        })) {
            String p = route(upstream);
            long baseline = HeapMonitor.heapUsed();
            CRC32 received = new CRC32();
            long count = 0;
            try (HeapMonitor heap = HeapMonitor.start(100);
                    RawHttp.Streamed response = RawHttp.open("GET", p + "/download", "Connection", "close")) {
                assertEquals(200, response.status());
                assertNull(response.header("Content-Length"));
                byte[] buffer = new byte[1 << 16];
                InputStream body = response.body();
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    received.update(buffer, 0, n);
                    count += n;
                }
                heap.close();
                long growth = heap.max() - baseline;
                assertTrue(heap.samples().size() > 3, "heap was sampled during the transfer");
                assertTrue(growth < MAX_HEAP_GROWTH, "heap grew by " + (growth >> 20) + " MiB during a 1 GiB download (baseline "
                        + (baseline >> 20) + " MiB)");
            }
            assertEquals(GIB, count, "bytes the client received");
            assertEquals(sentCrc.get(), received.getValue(), "checksum of what the client received");
        }
    }

    @Test
    void chunkedUploadIsStreamedToo() throws Exception {
        try (TestUpstream upstream = TestUpstream.start().recordBodies(false).handler(ex -> {
            CRC32 crc = new CRC32();
            long count = 0;
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = ex.body().read(buffer)) >= 0; ) {
                crc.update(buffer, 0, n);
                count += n;
            }
            ex.respond(200, "{\"bytes\":" + count + ",\"crc\":" + crc.getValue() + "}", "Content-Type", "application/json");
        })) {
            String p = route(upstream);
            long total = 32L << 20;
            CRC32 sent = new CRC32();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", RawHttp.PROXY_PORT), 5000);
                socket.setSoTimeout(60_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + p + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                Pattern pattern = new Pattern(3);
                byte[] buffer = new byte[40_000];
                for (long done = 0; done < total; done += buffer.length) {
                    int len = (int) Math.min(buffer.length, total - done);
                    pattern.fill(buffer, len);
                    sent.update(buffer, 0, len);
                    out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(buffer, 0, len);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                RawHttp.Response response = RawHttp.read(socket.getInputStream(), false);
                assertEquals(200, response.status(), response::toString);
                assertEquals(total, response.json().path("bytes").asLong());
                assertEquals(sent.getValue(), response.json().path("crc").asLong());
            }
        }
    }

    @Test
    void serverSentEventsFlushAsTheyArrive() throws Exception {
        CountDownLatch clientGotFirst = new CountDownLatch(1);
        CountDownLatch upstreamDone = new CountDownLatch(1);
        try (TestUpstream upstream = TestUpstream.start().handler(ex -> {
            ex.readBody();
            ex.startChunked(200, "Content-Type", "text/event-stream", "Cache-Control", "no-cache");
            ex.chunk("id: 1\ndata: first\n\n");
            boolean released = clientGotFirst.await(30, TimeUnit.SECONDS);
            ex.chunk(released ? "id: 2\ndata: second\n\n" : "id: 2\ndata: too-late\n\n");
            ex.endChunks();
            upstreamDone.countDown();
        })) {
            String p = route(upstream);
            try (RawHttp.Streamed response = RawHttp.open("GET", p + "/events", "Accept", "text/event-stream")) {
                assertEquals(200, response.status());
                assertEquals("text/event-stream", response.header("Content-Type"));
                String first = readUntil(response.body(), "\n\n");
                assertEquals("id: 1\ndata: first\n\n", first,
                        "event 1 reaches the client while the upstream is still holding event 2");
                assertEquals(1, upstreamDone.getCount(), "the upstream has not finished yet");
                clientGotFirst.countDown();
                String second = readUntil(response.body(), "\n\n");
                assertEquals("id: 2\ndata: second\n\n", second);
                assertEquals(-1, response.body().read(), "the stream ends after event 2");
            }
        }
    }

    /** Reads byte by byte until the text read ends with {@code end} (blocks; the socket has a timeout). */
    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith(end)) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }
}
