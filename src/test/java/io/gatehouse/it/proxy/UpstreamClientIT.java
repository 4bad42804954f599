package io.gatehouse.it.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.it.proxy.support.Gateway;
import io.gatehouse.it.proxy.support.RawHttp;
import io.gatehouse.it.proxy.support.TestUpstream;
import io.gatehouse.it.support.Deployments;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HttpClient used as a proxy's client (issue: "no redirects, no cookies, no decompression, a
 * pool sized for concurrency, keep-alive to upstreams"): it passes through what the upstream
 * says instead of acting on it.
 */
@ExtendWith(ArquillianExtension.class)
class UpstreamClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    private final Gateway gw = new Gateway();

    private String routeTo(TestUpstream upstream) {
        String p = "/" + Gateway.unique("client");
        String name = Gateway.unique("client");
        gw.service(name, upstream.url());
        gw.route(name, "paths", List.of(p));
        gw.sync();
        return p;
    }

    private static TestUpstream.Seen next(TestUpstream upstream) throws InterruptedException {
        TestUpstream.Seen seen = upstream.next(Duration.ofSeconds(10));
        assertTrue(seen != null, "the upstream received the request");
        return seen;
    }

    @Test
    void redirectsGoBackToTheClientUnfollowed() throws Exception {
        try (TestUpstream upstream = TestUpstream.start().handler(ex -> {
            ex.readBody();
            ex.respond(302, "", "Location", "/elsewhere");
        })) {
            String p = routeTo(upstream);
            RawHttp.Response r = RawHttp.get(p);
            assertEquals(302, r.status(), r::toString);
            assertEquals("/elsewhere", r.header("Location"));
            assertEquals(1, upstream.requestCount(), "the gateway did not follow the redirect");
        }
    }

    @Test
    void cookiesAreNeverKeptBetweenClients() throws Exception {
        try (TestUpstream upstream = TestUpstream.start().handler(ex -> {
            ex.readBody();
            ex.respond(200, "ok", "Set-Cookie", "session=alice-secret; Path=/");
        })) {
            String p = routeTo(upstream);
            RawHttp.Response alice = RawHttp.get(p);
            assertEquals("session=alice-secret; Path=/", alice.header("Set-Cookie"), "Set-Cookie reaches the client");
            next(upstream);

            RawHttp.Response bob = RawHttp.get(p);
            assertEquals(200, bob.status());
            assertNull(next(upstream).header("Cookie"), "no cookie store: Bob's request carries no cookie of Alice's");

            RawHttp.get(p, "Cookie", "session=bob");
            assertEquals("session=bob", next(upstream).header("Cookie"), "the client's own cookie goes through");
        }
    }

    @Test
    void compressedBodiesPassThroughUndecoded() throws Exception {
        byte[] plain = "{\"message\":\"compressed by the upstream\"}".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(plain);
        }
        byte[] compressed = gzipped.toByteArray();
        try (TestUpstream upstream = TestUpstream.start().handler(ex -> {
            ex.readBody();
            ex.startChunked(200, "Content-Type", "application/json", "Content-Encoding", "gzip");
            ex.chunk(compressed, 0, compressed.length);
            ex.endChunks();
        })) {
            String p = routeTo(upstream);
            RawHttp.Response asked = RawHttp.get(p, "Accept-Encoding", "gzip");
            assertEquals(200, asked.status(), asked::toString);
            assertEquals("gzip", asked.header("Content-Encoding"));
            assertArrayEquals(compressed, asked.body(), "the client gets the upstream's bytes, still compressed");
            assertEquals("gzip", next(upstream).header("Accept-Encoding"));

            RawHttp.get(p);
            assertNull(next(upstream).header("Accept-Encoding"), "the gateway asks for no encoding of its own");
        }
    }

    @Test
    void upstreamConnectionsAreKeptAlive() throws Exception {
        try (TestUpstream upstream = TestUpstream.start()) {
            String p = routeTo(upstream);
            for (int i = 0; i < 20; i++) {
                RawHttp.Response r = RawHttp.get(p);
                assertEquals(200, r.status(), r::toString);
            }
            assertEquals(20, upstream.requestCount());
            assertTrue(upstream.connectionCount() <= 2,
                    "20 sequential requests reuse pooled connections: " + upstream.connectionCount() + " were opened");
        }
    }
}
