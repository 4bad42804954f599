package io.gatehouse.it.proxy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.it.proxy.support.Gateway;
import io.gatehouse.it.proxy.support.RawHttp;
import io.gatehouse.it.proxy.support.TestUpstream;
import io.gatehouse.it.support.Deployments;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Headers the proxy sends upstream (§3.5) and downstream (§3.6); trusted_ips is empty here. */
@ExtendWith(ArquillianExtension.class)
class ProxyHeadersIT {

    private static final String PRODUCT = "gatehouse/0.1.0";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    private static TestUpstream upstream;
    private final Gateway gw = new Gateway();

    @BeforeAll
    static void startUpstream() {
        upstream = TestUpstream.start();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    private String route(boolean strip) {
        String p = "/" + Gateway.unique("hd");
        String name = Gateway.unique("hd");
        gw.service(name, upstream.url() + "/base");
        gw.route(name, "paths", List.of(p), "strip_path", strip);
        return p;
    }

    private static TestUpstream.Seen nextSeen() throws InterruptedException {
        TestUpstream.Seen seen = upstream.next(Duration.ofSeconds(10));
        assertNotNull(seen, "the upstream received the request");
        return seen;
    }

    private static void drain() throws InterruptedException {
        while (upstream.next(Duration.ZERO) != null) {
            // forget earlier requests
        }
    }

    @Test
    void forwardedHeadersWithoutClientValues() throws Exception {
        String p = route(true);
        gw.sync();
        drain();
        RawHttp.Response r = RawHttp.get(p + "/a/b?x=1", "Host", "Example.COM:18000");
        assertEquals(200, r.status(), r::toString);
        TestUpstream.Seen up = nextSeen();
        assertAll(
                () -> assertEquals("127.0.0.1:" + upstream.port(), up.header("Host")),
                () -> assertEquals("127.0.0.1", up.header("X-Forwarded-For")),
                () -> assertEquals("http", up.header("X-Forwarded-Proto")),
                () -> assertEquals("example.com", up.header("X-Forwarded-Host")),
                () -> assertEquals("18000", up.header("X-Forwarded-Port")),
                () -> assertEquals(p + "/a/b", up.header("X-Forwarded-Path")),
                () -> assertEquals(p, up.header("X-Forwarded-Prefix")),
                () -> assertEquals("127.0.0.1", up.header("X-Real-IP")),
                () -> assertEquals("1.1 " + PRODUCT, up.header("Via")),
                () -> assertTrue(String.valueOf(up.header("X-Kong-Request-Id")).matches("[0-9a-f]{32}"), up::toString),
                () -> assertEquals(r.header("X-Kong-Request-Id"), up.header("X-Kong-Request-Id"),
                        "one request id upstream and downstream"),
                () -> assertEquals(1, up.headers("X-Forwarded-For").size()));
    }

    @Test
    void untrustedClientForwardedValuesAreIgnoredButXffIsAppended() throws Exception {
        String p = route(false);
        gw.sync();
        drain();
        RawHttp.Response r = RawHttp.get(p + "/a", "Host", "real.example",
                "X-Forwarded-For", "1.2.3.4",
                "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "evil.example",
                "X-Forwarded-Port", "9999",
                "X-Forwarded-Path", "/evil",
                "X-Forwarded-Prefix", "/evil",
                "X-Real-IP", "6.6.6.6",
                "Via", "1.0 fred, 1.1 p.example");
        assertEquals(200, r.status(), r::toString);
        TestUpstream.Seen up = nextSeen();
        assertAll(
                () -> assertEquals("1.2.3.4, 127.0.0.1", up.header("X-Forwarded-For")),
                () -> assertEquals("http", up.header("X-Forwarded-Proto")),
                () -> assertEquals("real.example", up.header("X-Forwarded-Host")),
                () -> assertEquals("18000", up.header("X-Forwarded-Port")),
                () -> assertEquals(p + "/a", up.header("X-Forwarded-Path")),
                () -> assertNull(up.header("X-Forwarded-Prefix"), "no prefix was stripped: " + up),
                () -> assertEquals("127.0.0.1", up.header("X-Real-IP")),
                () -> assertEquals("1.0 fred, 1.1 p.example, 1.1 " + PRODUCT, up.header("Via")));
    }

    @Test
    void hopByHopHeadersAndSpoofedIdentityHeadersAreRemoved() throws Exception {
        String p = route(true);
        gw.sync();
        drain();
        RawHttp.Response r = RawHttp.get(p,
                "Connection", "close, X-Secret-Hop",
                "X-Secret-Hop", "1",
                "Keep-Alive", "timeout=5",
                "Proxy-Connection", "keep-alive",
                "Proxy", "http://evil",
                "TE", "gzip",
                "X-Consumer-ID", "spoofed",
                "X-Consumer-Username", "spoofed",
                "X-Consumer-Custom-ID", "spoofed",
                "X-Credential-Identifier", "spoofed",
                "X-Anonymous-Consumer", "true",
                "X-Custom", "one",
                "X-Custom", "two",
                "User-Agent", "it/1");
        assertEquals(200, r.status(), r::toString);
        TestUpstream.Seen up = nextSeen();
        assertAll(
                () -> assertNull(up.header("X-Secret-Hop"), "named in Connection: " + up),
                () -> assertNull(up.header("Keep-Alive"), up::toString),
                () -> assertNull(up.header("Proxy-Connection"), up::toString),
                () -> assertNull(up.header("Proxy"), up::toString),
                () -> assertNull(up.header("TE"), up::toString),
                () -> assertTrue(up.header("Connection") == null || up.header("Connection").equalsIgnoreCase("keep-alive"),
                        "Connection upstream: " + up.header("Connection")),
                () -> assertNull(up.header("X-Consumer-ID"), up::toString),
                () -> assertNull(up.header("X-Consumer-Username"), up::toString),
                () -> assertNull(up.header("X-Consumer-Custom-ID"), up::toString),
                () -> assertNull(up.header("X-Credential-Identifier"), up::toString),
                () -> assertNull(up.header("X-Anonymous-Consumer"), up::toString),
                () -> assertEquals(List.of("one", "two"), up.headers("X-Custom").size() == 2 ? up.headers("X-Custom")
                        : List.of(String.join(",", up.headers("X-Custom")).split(",\\s*"))),
                () -> assertEquals("it/1", up.header("User-Agent")));
    }

    @Test
    void downstreamHeadersOnAProxiedResponse() throws Exception {
        String p = route(true);
        gw.sync();
        upstream.handler(ex -> {
            ex.readBody();
            if (ex.target().endsWith("/with-server")) {
                ex.respond(200, "ok", "Server", "upstream/1.0", "Via", "1.0 cache.example",
                        "Connection", "X-Up-Hop", "X-Up-Hop", "secret", "Keep-Alive", "timeout=5", "X-Kept", "yes");
            } else {
                ex.respond(200, "ok", "Content-Type", "text/plain");
            }
        });
        try {
            RawHttp.Response plain = RawHttp.get(p + "/plain");
            assertAll(
                    () -> assertEquals(200, plain.status()),
                    () -> assertEquals("ok", plain.text()),
                    () -> assertEquals(List.of(PRODUCT), plain.headers("Server")),
                    () -> assertEquals("1.1 " + PRODUCT, plain.header("Via")),
                    () -> assertTrue(String.valueOf(plain.header("X-Kong-Upstream-Latency")).matches("\\d+"), plain::toString),
                    () -> assertTrue(String.valueOf(plain.header("X-Kong-Proxy-Latency")).matches("\\d+"), plain::toString),
                    () -> assertTrue(String.valueOf(plain.header("X-Kong-Request-Id")).matches("[0-9a-f]{32}"), plain::toString),
                    () -> assertNull(plain.header("X-Kong-Response-Latency"), "only on gateway-generated responses"));

            RawHttp.Response withServer = RawHttp.get(p + "/with-server");
            assertAll(
                    () -> assertEquals(200, withServer.status()),
                    () -> assertEquals(List.of("upstream/1.0"), withServer.headers("Server"), "the upstream's Server is kept"),
                    () -> assertEquals("1.0 cache.example, 1.1 " + PRODUCT, withServer.header("Via")),
                    () -> assertNull(withServer.header("X-Up-Hop"), "named in the upstream's Connection"),
                    () -> assertNull(withServer.header("Keep-Alive")),
                    () -> assertEquals("yes", withServer.header("X-Kept")));

            // Two requests never share a request id.
            RawHttp.Response again = RawHttp.get(p + "/plain");
            assertTrue(!again.header("X-Kong-Request-Id").equals(plain.header("X-Kong-Request-Id")));
        } finally {
            upstream.handler(TestUpstream::echo);
        }
    }

    @Test
    void gatewayGeneratedResponsesCarryKongHeaders() {
        RawHttp.Response r = RawHttp.get("/" + Gateway.unique("nomatch"));
        assertAll(
                () -> assertEquals(404, r.status()),
                () -> assertEquals(PRODUCT, r.header("Server")),
                () -> assertTrue(String.valueOf(r.header("X-Kong-Response-Latency")).matches("\\d+"), r::toString),
                () -> assertTrue(String.valueOf(r.header("X-Kong-Request-Id")).matches("[0-9a-f]{32}"), r::toString),
                () -> assertEquals(r.header("X-Kong-Request-Id"), r.json().path("request_id").asText()));
    }
}
