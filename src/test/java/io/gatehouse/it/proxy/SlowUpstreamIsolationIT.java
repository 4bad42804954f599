package io.gatehouse.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.it.proxy.support.Gateway;
import io.gatehouse.it.proxy.support.RawHttp;
import io.gatehouse.it.proxy.support.TestUpstream;
import io.gatehouse.it.support.Deployments;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 1,000 concurrent requests held 5 s each by a slow upstream must not block another route: the
 * proxy is asynchronous (DESIGN §5), so neither Tomcat's threads nor the upstream pool run out.
 */
@ExtendWith(ArquillianExtension.class)
class SlowUpstreamIsolationIT {

    private static final int SLOW_REQUESTS = 1000;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    private final Gateway gw = new Gateway();

    @Test
    void aFastRouteStaysFastWhileAThousandSlowRequestsAreInFlight() throws Exception {
        ExecutorService executor = Executors.newCachedThreadPool();
        HttpClient client = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(20)).build();
        try (TestUpstream slow = TestUpstream.start().handler(ex -> {
            ex.readBody();
            Thread.sleep(5000); // the upstream is slow by design: 5 s per request
            ex.respond(200, "{\"slow\":true}", "Content-Type", "application/json");
        }); TestUpstream fast = TestUpstream.start()) {
            String slowPath = "/" + Gateway.unique("slow");
            String fastPath = "/" + Gateway.unique("fast");
            String slowSvc = Gateway.unique("slow");
            String fastSvc = Gateway.unique("fast");
            gw.service(slowSvc, slow.url());
            gw.route(slowSvc, "paths", List.of(slowPath));
            gw.service(fastSvc, fast.url());
            gw.route(fastSvc, "paths", List.of(fastPath));
            gw.sync();

            long start = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
            for (int i = 0; i < SLOW_REQUESTS; i++) {
                burst.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RawHttp.PROXY_PORT + slowPath + "/" + i))
                        .timeout(Duration.ofSeconds(45)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            Gateway.await(slow::activeCount, n -> n >= SLOW_REQUESTS * 9 / 10,
                    "90% of the slow requests to be held by the slow upstream");

            List<Long> fastMillis = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                RawHttp.Response r = RawHttp.get(fastPath + "/" + i);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                fastMillis.add(ms);
                assertEquals(200, r.status(), r::toString);
            }
            int heldDuringFast = slow.activeCount();

            CompletableFuture.allOf(burst.toArray(new CompletableFuture[0])).join();
            long totalMs = (System.nanoTime() - start) / 1_000_000;
            long ok = burst.stream().filter(f -> f.join().statusCode() == 200).count();
            List<Integer> statuses = burst.stream().map(f -> f.join().statusCode()).filter(s -> s != 200).distinct().toList();

            assertTrue(fastMillis.stream().allMatch(ms -> ms < 1000), "fast requests during the burst took " + fastMillis + " ms");
            assertTrue(heldDuringFast > SLOW_REQUESTS / 2, "the burst was still in flight: " + heldDuringFast);
            assertEquals(SLOW_REQUESTS, ok, "every slow request succeeded; other statuses: " + statuses);
            assertEquals(SLOW_REQUESTS, slow.requestCount());
            assertTrue(totalMs < 30_000, "1,000 × 5 s concurrently took " + totalMs + " ms");
        } finally {
            executor.shutdownNow();
        }
    }
}
