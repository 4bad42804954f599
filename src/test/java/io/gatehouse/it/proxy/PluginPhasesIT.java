package io.gatehouse.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.probe.ProbePlugin;
import io.gatehouse.it.proxy.support.Gateway;
import io.gatehouse.it.proxy.support.RawHttp;
import io.gatehouse.it.proxy.support.TestUpstream;
import io.gatehouse.it.support.Deployments;
import io.gatehouse.it.support.HttpResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plugin runtime's phases as a plugin sees them (kong-behaviour §4.1): rewrite, access,
 * header_filter, body_filter and log, in that order, with log running after the response and
 * off the request thread. Driven by the test-only exchange-probe plugin, deployed as a
 * third-party plugin jar.
 */
@ExtendWith(ArquillianExtension.class)
class PluginPhasesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRootWithProbePlugin();
    }

    private static TestUpstream upstream;
    private static TestUpstream logSink;
    private static final List<String> probeIds = new ArrayList<>();
    /** What the log sink received, in order. */
    private static final java.util.concurrent.BlockingQueue<String> LOG_RECORDS = new java.util.concurrent.LinkedBlockingQueue<>();
    private final Gateway gw = new Gateway();

    @BeforeAll
    static void start() {
        upstream = TestUpstream.start().handler(ex -> {
            ex.readBody();
            if (ex.target().endsWith("/chunks")) {
                ex.startChunked(200, "Content-Type", "text/plain");
                ex.chunk("first ");
                ex.chunk("second ");
                ex.chunk("third");
                ex.endChunks();
            } else {
                ex.respond(200, "hello world", "Content-Type", "text/plain", "X-Probe-Phases", "forged by upstream");
            }
        });
        logSink = TestUpstream.start().handler(ex -> {
            LOG_RECORDS.add(new String(ex.readBody(), java.nio.charset.StandardCharsets.UTF_8));
            ex.respond(204, "");
        });
    }

    @AfterAll
    static void stop() {
        // The probe is not in the WAR the other test classes deploy: leave no instance of it behind.
        Gateway gw = new Gateway();
        for (String id : probeIds) {
            gw.admin().delete("/plugins/" + id);
        }
        upstream.close();
        logSink.close();
    }

    private String routeWithProbe(Map<String, Object> config, Object... routeFields) {
        String p = "/" + Gateway.unique("phase");
        String name = Gateway.unique("phase");
        gw.service(name, upstream.url());
        Object[] fields = new Object[routeFields.length + 2];
        fields[0] = "paths";
        fields[1] = List.of(p);
        System.arraycopy(routeFields, 0, fields, 2, routeFields.length);
        String route = gw.route(name, fields);
        HttpResult plugin = gw.create("/routes/" + route + "/plugins", "name", ProbePlugin.NAME, "config", config);
        probeIds.add(plugin.id());
        return p;
    }

    /** The next log record the probe posted for {@code path}. */
    private static JsonNode logRecordFor(String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            String posted = LOG_RECORDS.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (posted != null) {
                JsonNode record = JSON.readTree(posted);
                if (record.path("path").asText().equals(path)) {
                    return record;
                }
            }
        }
        throw new AssertionError("no log record for " + path + " reached the log sink");
    }

    private static void drainUpstream() throws InterruptedException {
        while (upstream.next(Duration.ZERO) != null) {
            // forget earlier requests
        }
    }

    @Test
    void phasesRunInKongsOrderAndEachSeesWhatItShould() throws Exception {
        String p = routeWithProbe(Map.of("log_url", logSink.url() + "/log"));
        gw.sync();
        drainUpstream();

        RawHttp.Response r = RawHttp.get(p);
        assertEquals(200, r.status(), r::toString);
        assertEquals("hello world", r.text(), "no body_filter configured: the body streams untouched");
        assertEquals("11", r.header("Content-Length"), "and keeps its length");
        assertEquals("access,header_filter", r.header("X-Probe-Phases"),
                "header_filter replaced the upstream's header after access ran (rewrite is for global plugins only)");

        TestUpstream.Seen atUpstream = upstream.next(Duration.ofSeconds(10));
        assertNotNull(atUpstream);
        assertEquals("access", atUpstream.header("X-Probe-Phases"), "the upstream request carries access's change");

        JsonNode record = logRecordFor(p);
        assertEquals(200, record.path("status").asInt());
        assertEquals("access,header_filter,log", record.path("phases").asText());
        assertTrue(record.path("thread").asText().startsWith("gatehouse-log"),
                "the log phase runs on the log executor, not a request thread: " + record);
        assertTrue(record.path("upstream_latency").asText().matches("\\d+"),
                "the log phase sees the final response headers: " + record);
    }

    @Test
    void aSlowLogPhaseNeverHoldsUpTheResponse() throws Exception {
        String p = routeWithProbe(Map.of("log_url", logSink.url() + "/log", "log_delay_ms", 3000));
        gw.sync();
        long start = System.nanoTime();
        RawHttp.Response r = RawHttp.get(p);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, r.status(), r::toString);
        assertTrue(ms < 2500, "the response came back before the 3 s log phase ended: took " + ms + " ms");
        JsonNode record = logRecordFor(p);
        assertEquals(200, record.path("status").asInt(), "and the log phase still ran, afterwards");
    }

    @Test
    void bodyFilterRewritesAKnownLengthBodyAndTheClientGetsItChunked() throws Exception {
        String p = routeWithProbe(Map.of("upper_case_body", true, "body_suffix", " [probed]",
                "log_url", logSink.url() + "/log"));
        gw.sync();
        RawHttp.Response r = RawHttp.get(p);
        assertEquals(200, r.status(), r::toString);
        assertEquals("HELLO WORLD [probed]", r.text());
        assertNull(r.header("Content-Length"), "the upstream's length no longer holds: " + r);
        assertEquals("chunked", r.header("Transfer-Encoding"), r::toString);
        assertEquals("access,header_filter,body_filter,log", logRecordFor(p).path("phases").asText());
    }

    @Test
    void bodyFilterSeesEveryChunkOfAStreamedBody() throws Exception {
        String p = routeWithProbe(Map.of("upper_case_body", true, "body_suffix", "!"), "strip_path", false);
        gw.sync();
        RawHttp.Response r = RawHttp.get(p + "/chunks");
        assertEquals(200, r.status(), r::toString);
        assertEquals("FIRST SECOND THIRD!", r.text());
    }

    @Test
    void theLogPhaseRunsForRequestsThatNeverReachedTheUpstream() throws Exception {
        String p = "/" + Gateway.unique("phase-auth");
        String name = Gateway.unique("phase-auth");
        gw.service(name, upstream.url());
        String route = gw.route(name, "paths", List.of(p));
        gw.create("/routes/" + route + "/plugins", "name", "key-auth");
        probeIds.add(gw.create("/routes/" + route + "/plugins", "name", ProbePlugin.NAME,
                "config", Map.of("log_url", logSink.url() + "/log")).id());
        String username = Gateway.unique("phase-user");
        gw.consumer(username);
        String key = Gateway.unique("phase-key");
        gw.create("/consumers/" + username + "/key-auth", "key", key);
        gw.sync();

        RawHttp.Response rejected = RawHttp.get(p);
        assertEquals(401, rejected.status(), rejected::toString);
        JsonNode rejectedRecord = logRecordFor(p);
        assertEquals(401, rejectedRecord.path("status").asInt(), rejectedRecord::toString);
        assertEquals("header_filter,log", rejectedRecord.path("phases").asText(),
                "key-auth (priority 1250) ended the request before the probe's access phase; header_filter and log "
                        + "still run for the gateway's own answer, as in Kong: " + rejectedRecord);

        RawHttp.Response accepted = RawHttp.get(p, "apikey", key);
        assertEquals(200, accepted.status(), accepted::toString);
        JsonNode acceptedRecord = logRecordFor(p);
        assertEquals(username, acceptedRecord.path("consumer").asText(), "the log phase sees the authenticated consumer");
    }

    @Test
    void rewriteRunsForGlobalPluginsOnlyBeforeTheRouteIsKnown() throws Exception {
        String p = "/" + Gateway.unique("phase-global");
        String name = Gateway.unique("phase-global");
        gw.service(name, upstream.url());
        gw.route(name, "paths", List.of(p));
        String global = gw.create("/plugins", "name", ProbePlugin.NAME, "config", Map.of("log_url", logSink.url() + "/log")).id();
        try {
            gw.sync();
            RawHttp.Response r = RawHttp.get(p);
            assertEquals(200, r.status(), r::toString);
            assertEquals("rewrite,access,header_filter", r.header("X-Probe-Phases"), r::toString);
            assertEquals("rewrite,access,header_filter,log", logRecordFor(p).path("phases").asText());

            RawHttp.Response noRoute = RawHttp.get("/" + Gateway.unique("phase-nowhere"));
            assertEquals(404, noRoute.status(), noRoute::toString);
        } finally {
            gw.admin().delete("/plugins/" + global);
            gw.sync();
        }
    }
}
