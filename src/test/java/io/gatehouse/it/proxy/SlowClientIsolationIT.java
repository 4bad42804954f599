package io.gatehouse.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.it.proxy.support.Gateway;
import io.gatehouse.it.proxy.support.RawHttp;
import io.gatehouse.it.proxy.support.TestUpstream;
import io.gatehouse.it.support.Deployments;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients that send their request body slowly, or never finish it, cost a connection each, not a
 * worker thread: the proxy connector runs on a small thread pool (as in tomcat/server.xml), and
 * bodies the gateway must read before the access phase are read without blocking. Without
 * that, a few dozen such clients would stop the node.
 */
@ExtendWith(ArquillianExtension.class)
class SlowClientIsolationIT {

    /** Well above the proxy connector's 8 worker threads (src/test/tomcat/conf/server-it.xml). */
    private static final int STALLED_CLIENTS = 40;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    private final Gateway gw = new Gateway();

    /** Opens a request whose head promises {@code length} body bytes, sends a few, then stalls. */
    private static Socket stalledUpload(String method, String path, long length, String... headers) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", RawHttp.PROXY_PORT), 5000);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("Content-Length: ").append(length).append("\r\n\r\n").append("{\"partial\":");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    @Test
    void stalledBodiesDoNotStarveOtherRequests() throws Exception {
        try (TestUpstream upstream = TestUpstream.start()) {
            // PUT bodies up to 16 KiB are read before the upstream call (so that they can be retried).
            String retryable = "/" + Gateway.unique("stall-put");
            String retryableSvc = Gateway.unique("stall-put");
            gw.service(retryableSvc, upstream.url(), "retries", 3);
            gw.route(retryableSvc, "paths", List.of(retryable));
            // key_in_body makes key-auth read the body before it can decide.
            String keyInBody = "/" + Gateway.unique("stall-kib");
            String keyInBodySvc = Gateway.unique("stall-kib");
            gw.service(keyInBodySvc, upstream.url());
            String route = gw.route(keyInBodySvc, "paths", List.of(keyInBody));
            gw.create("/routes/" + route + "/plugins", "name", "key-auth", "config", Map.of("key_in_body", true));
            // Without a key, key-auth answers 401 before the body has arrived; the rest never comes.
            String rejecting = "/" + Gateway.unique("stall-401");
            String rejectingSvc = Gateway.unique("stall-401");
            gw.service(rejectingSvc, upstream.url());
            String rejectingRoute = gw.route(rejectingSvc, "paths", List.of(rejecting));
            gw.create("/routes/" + rejectingRoute + "/plugins", "name", "key-auth");
            String fast = "/" + Gateway.unique("stall-fast");
            String fastSvc = Gateway.unique("stall-fast");
            gw.service(fastSvc, upstream.url());
            gw.route(fastSvc, "paths", List.of(fast));
            gw.sync();

            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < STALLED_CLIENTS; i++) {
                    stalled.add(stalledUpload("PUT", retryable, 8000, "Content-Type", "application/json"));
                    stalled.add(stalledUpload("POST", keyInBody, 8000, "Content-Type", "application/json"));
                    stalled.add(stalledUpload("POST", rejecting, 8000, "Content-Type", "application/json"));
                }
                // Let the gateway take all of them in before measuring.
                Thread.sleep(500);
                for (int i = 0; i < 5; i++) {
                    long start = System.nanoTime();
                    RawHttp.Response r = RawHttp.get(fast);
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    assertEquals(200, r.status(), r::toString);
                    assertTrue(ms < 2000, "a normal request took " + ms + " ms while " + stalled.size()
                            + " clients stall their bodies");
                }
                // The client that key-auth turned away has its 401 already, body or not.
                Socket turnedAway = stalled.get(2);
                turnedAway.setSoTimeout(5000);
                RawHttp.Response unauthorized = RawHttp.read(turnedAway.getInputStream(), false);
                assertEquals(401, unauthorized.status(), unauthorized::toString);
                // A stalled client that finishes later still gets its answer.
                Socket late = stalled.get(0);
                late.getOutputStream().write(("1" + " ".repeat(8000 - "{\"partial\":".length() - 2) + "}")
                        .getBytes(StandardCharsets.ISO_8859_1));
                late.getOutputStream().flush();
                late.setSoTimeout(10_000);
                RawHttp.Response finished = RawHttp.read(late.getInputStream(), false);
                assertEquals(200, finished.status(), finished::toString);
                TestUpstream.Seen seen;
                do {
                    seen = upstream.next(Duration.ofSeconds(5));
                } while (seen != null && !seen.method().equals("PUT"));
                assertTrue(seen != null && seen.target().equals("/"), "the upstream got the completed PUT: " + seen);
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }
}
