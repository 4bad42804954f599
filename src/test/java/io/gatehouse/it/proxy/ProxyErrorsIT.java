package io.gatehouse.it.proxy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.it.proxy.support.Gateway;
import io.gatehouse.it.proxy.support.RawHttp;
import io.gatehouse.it.proxy.support.TestUpstream;
import io.gatehouse.it.support.Deployments;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Upstream failures, limits and retries (kong-behaviour §3.3 retries, §3.7 errors). */
@ExtendWith(ArquillianExtension.class)
class ProxyErrorsIT {

    private static final String BAD_GATEWAY = "An invalid response was received from the upstream server";
    private static final String TIMING_OUT = "The upstream server is timing out";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    private final Gateway gw = new Gateway();

    /** A loopback port nothing listens on (bound, then released). */
    private static int deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    private String routeTo(String url, Object... serviceFields) {
        String p = "/" + Gateway.unique("err");
        String name = Gateway.unique("err");
        gw.service(name, url, serviceFields);
        gw.route(name, "paths", List.of(p));
        return p;
    }

    private static String id(RawHttp.Response r) {
        String id = r.header("X-Kong-Request-Id");
        assertTrue(id != null && id.matches("[0-9a-f]{32}"), r::toString);
        return id;
    }

    @Test
    void connectionRefusedIs502InEveryFormat() throws Exception {
        String p = routeTo("http://127.0.0.1:" + deadPort(), "retries", 2);
        gw.sync();

        RawHttp.Response plain = RawHttp.get(p);
        assertEquals(502, plain.status(), plain::toString);
        assertEquals(BAD_GATEWAY + "\nrequest_id: " + id(plain) + "\n", plain.text());
        assertEquals("gatehouse/0.1.0", plain.header("Server"));

        RawHttp.Response json = RawHttp.get(p, "Accept", "application/json");
        assertEquals(502, json.status());
        assertEquals(BAD_GATEWAY, json.json().path("message").asText());
        assertEquals(id(json), json.json().path("request_id").asText());

        RawHttp.Response byContentType = RawHttp.request("POST", p, "{}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json");
        assertEquals(502, byContentType.status());
        assertTrue(byContentType.header("Content-Type").startsWith("application/json"),
                "without Accept, the request's Content-Type decides: " + byContentType);

        RawHttp.Response html = RawHttp.get(p, "Accept", "text/html");
        assertTrue(html.header("Content-Type").startsWith("text/html"), html::toString);
        assertTrue(html.text().contains(BAD_GATEWAY), html::toString);

        RawHttp.Response xml = RawHttp.get(p, "Accept", "application/xml");
        assertTrue(xml.header("Content-Type").startsWith("application/xml"), xml::toString);
        assertTrue(xml.text().contains("<message>" + BAD_GATEWAY + "</message>"), xml::toString);
        assertTrue(xml.text().contains("<requestid>" + id(xml) + "</requestid>"), xml::toString);

        RawHttp.Response head = RawHttp.request("HEAD", p, null);
        assertEquals(502, head.status());
        assertEquals(0, head.body().length);

        // Exact Kong header values, checked last so that the checks above still run.
        assertAll(
                () -> assertEquals("text/plain; charset=utf-8", plain.header("Content-Type"), "HTTP-layer errors default to text/plain"),
                () -> assertEquals("application/json; charset=utf-8", json.header("Content-Type")),
                () -> assertEquals("text/html; charset=utf-8", html.header("Content-Type")),
                () -> assertEquals("application/xml; charset=utf-8", xml.header("Content-Type")));
    }

    @Test
    void readTimeoutIs504() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TestUpstream slow = TestUpstream.start().handler(ex -> {
            ex.readBody();
            release.await(30, TimeUnit.SECONDS);
            ex.respond(200, "late");
        })) {
            String p = routeTo(slow.url(), "read_timeout", 500, "retries", 0);
            gw.sync();
            long start = System.nanoTime();
            RawHttp.Response r = RawHttp.get(p);
            long ms = (System.nanoTime() - start) / 1_000_000;
            RawHttp.Response json = RawHttp.get(p, "Accept", "application/json");
            release.countDown();
            assertEquals(504, r.status(), r::toString);
            assertEquals(TIMING_OUT + "\nrequest_id: " + id(r) + "\n", r.text());
            assertTrue(ms >= 450 && ms < 5000, "honours read_timeout=500 ms: took " + ms + " ms");
            assertEquals(504, json.status(), json::toString);
            assertEquals(TIMING_OUT, json.json().path("message").asText());
        }
    }

    @Test
    void uploadToAnUpstreamThatStopsReadingIs504AfterWriteTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TestUpstream stalled = TestUpstream.start().recordBodies(false).handler(ex -> {
            // Takes the request head, then never reads the body: the proxy's writes stall.
            release.await(60, TimeUnit.SECONDS);
        })) {
            String p = routeTo(stalled.url(), "write_timeout", 500, "read_timeout", 30000, "retries", 2);
            gw.sync();
            long bodySize = 256L << 20;
            Thread writer = null;
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", RawHttp.PROXY_PORT), 5000);
                socket.setSoTimeout(60_000);
                java.io.OutputStream out = socket.getOutputStream();
                out.write(("POST " + p + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Length: " + bodySize + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                writer = new Thread(() -> {
                    byte[] chunk = new byte[1 << 16];
                    try {
                        for (long done = 0; done < bodySize; done += chunk.length) {
                            out.write(chunk);
                        }
                    } catch (java.io.IOException closedAfterTheAnswer) {
                        // the test closes the socket once the response is read
                    }
                }, "stalled-upload-writer");
                writer.setDaemon(true);
                long start = System.nanoTime();
                writer.start();
                RawHttp.Response r = RawHttp.read(socket.getInputStream(), false);
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertEquals(504, r.status(), r::toString);
                assertEquals(TIMING_OUT + "\nrequest_id: " + id(r) + "\n", r.text());
                assertTrue(ms >= 450 && ms < 10_000, "honours write_timeout=500 ms, not read_timeout=30 s: took " + ms + " ms");
            } finally {
                release.countDown();
            }
            writer.join(10_000);
            assertEquals(1, stalled.requestCount(), "a body that already went upstream is not sent again");
        }
    }

    @Test
    void anInvalidUpstreamResponseIs502() throws Exception {
        try (TestUpstream broken = TestUpstream.start().handler(ex -> {
            ex.readBody();
            ex.out().write("this is not HTTP\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            ex.out().flush();
            ex.closeAfter();
        })) {
            String p = routeTo(broken.url(), "retries", 0);
            gw.sync();
            RawHttp.Response r = RawHttp.get(p);
            assertEquals(502, r.status(), r::toString);
            assertEquals(BAD_GATEWAY + "\nrequest_id: " + id(r) + "\n", r.text());
        }
    }

    @Test
    void connectTimeoutIs504() throws Exception {
        // A listener whose accept queue is full: the kernel drops further SYNs, so connecting hangs.
        try (ServerSocket full = new ServerSocket()) {
            full.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            List<java.net.Socket> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    java.net.Socket filler = new java.net.Socket();
                    try {
                        filler.connect(full.getLocalSocketAddress(), 200);
                        fillers.add(filler);
                    } catch (java.io.IOException queueFull) {
                        filler.close();
                        break;
                    }
                }
                String p = routeTo("http://127.0.0.1:" + full.getLocalPort(), "connect_timeout", 500, "retries", 0);
                gw.sync();
                long start = System.nanoTime();
                RawHttp.Response r = RawHttp.get(p);
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertEquals(504, r.status(), r::toString);
                assertEquals(TIMING_OUT + "\nrequest_id: " + id(r) + "\n", r.text());
                assertTrue(ms >= 450 && ms < 10_000, "honours connect_timeout=500 ms: took " + ms + " ms");
            } finally {
                for (java.net.Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void idempotentRequestsAreRetriedOnConnectionErrorsAndTimeouts() throws Exception {
        try (TestUpstream dropping = TestUpstream.start().handler(ex -> {
            ex.readBody();
            ex.socket().close();
        })) {
            String p = routeTo(dropping.url(), "retries", 2);
            gw.sync();
            RawHttp.Response r = RawHttp.get(p);
            assertEquals(502, r.status(), r::toString);
            assertEquals(3, dropping.requestCount(), "retries=2: one try and two retries " + dropping.seen());
        }
        CountDownLatch release = new CountDownLatch(1);
        try (TestUpstream slow = TestUpstream.start().handler(ex -> {
            ex.readBody();
            release.await(30, TimeUnit.SECONDS);
        })) {
            String p = routeTo(slow.url(), "retries", 1, "read_timeout", 300);
            gw.sync();
            RawHttp.Response r = RawHttp.get(p);
            release.countDown();
            assertEquals(504, r.status(), r::toString);
            assertEquals(2, slow.requestCount(), "a timed-out GET is tried again once");
        }
    }

    @Test
    void postWhoseBodyWentUpstreamIsNotRetried() throws Exception {
        try (TestUpstream dropping = TestUpstream.start().handler(ex -> {
            ex.readBody();
            ex.socket().close();
        })) {
            String p = routeTo(dropping.url(), "retries", 5);
            gw.sync();
            byte[] body = "{\"order\":42}".getBytes(StandardCharsets.UTF_8);
            RawHttp.Response r = RawHttp.request("POST", p, body, "Content-Type", "application/json");
            assertEquals(502, r.status(), r::toString);
            assertEquals(1, dropping.requestCount(), "a POST whose body already went must not be sent again: " + dropping.seen());
            // The upstream helper records a body once its handler returns, which can be after the 502.
            assertEquals("{\"order\":42}", Gateway.await(() -> dropping.seen().get(0).bodyText(), java.util.Objects::nonNull,
                    "the upstream's record of the body"));

            RawHttp.Response patch = RawHttp.request("PATCH", p, body, "Content-Type", "application/json");
            assertEquals(502, patch.status());
            assertEquals(2, dropping.requestCount(), "PATCH is not idempotent either");

            RawHttp.Response put = RawHttp.request("PUT", p, body, "Content-Type", "application/json");
            assertEquals(502, put.status());
            assertEquals(2 + 6, dropping.requestCount(), "PUT is idempotent: retried (retries=5)");
        }
    }

    @Test
    void connectionFailuresOnARefusingPortEndIn502WithinBoundedTime() throws Exception {
        String p = routeTo("http://127.0.0.1:" + deadPort(), "retries", 5, "connect_timeout", 1000);
        gw.sync();
        long start = System.nanoTime();
        RawHttp.Response post = RawHttp.request("POST", p, "x=1".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(502, post.status(), post::toString);
        assertTrue(ms < 5000, "refused connects fail fast: " + ms + " ms");
    }

    @Test
    void uriTooLongIs414() {
        String p = "/" + Gateway.unique("long");
        String target = p + "/" + "a".repeat(4200);
        RawHttp.Response r = RawHttp.get(target);
        assertEquals(414, r.status(), r::toString);
        assertEquals("URI too long\nrequest_id: " + id(r) + "\n", r.text());
        RawHttp.Response longQuery = RawHttp.get(p + "?q=" + "b".repeat(4200), "Accept", "application/json");
        assertEquals(414, longQuery.status());
        assertEquals("URI too long", longQuery.json().path("message").asText());
    }

    @Test
    void headerTooLargeIs400WithKongText() {
        RawHttp.Response r = RawHttp.get("/" + Gateway.unique("big"), "X-Big", "v".repeat(9000));
        assertAll(
                () -> assertEquals(400, r.status(), r::toString),
                () -> assertEquals("Request header or cookie too large\nrequest_id: " + r.header("X-Kong-Request-Id") + "\n",
                        r.text(), "Kong's 494-as-400 text: " + r));
    }

    @Test
    void traceIs405() {
        RawHttp.Response r = RawHttp.request("TRACE", "/" + Gateway.unique("trace"), null);
        assertEquals(405, r.status(), r::toString);
    }
}
