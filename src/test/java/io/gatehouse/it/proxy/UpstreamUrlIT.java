package io.gatehouse.it.proxy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.it.proxy.support.Gateway;
import io.gatehouse.it.proxy.support.RawHttp;
import io.gatehouse.it.proxy.support.TestUpstream;
import io.gatehouse.it.support.Deployments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/** Upstream URL construction (kong-behaviour §3.3): path_handling v0, strip_path, preserve_host, query. */
@ExtendWith(ArquillianExtension.class)
class UpstreamUrlIT {

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

    private record Row(String servicePath, boolean strip, String suffix, String expected) {
    }

    @Test
    void pathHandlingV0WorkedExamples() {
        String t = "/" + Gateway.unique("uu");
        // expected: "{R}" stands for the route path
        List<Row> rows = List.of(
                new Row("/s", true, "/x", "/s/x"),
                new Row("/s", true, "", "/s"),
                new Row("/s", true, "x", "/s/x"),
                new Row("/s/", true, "", "/s"),
                new Row("/s/", true, "/", "/s/"),
                new Row("/", true, "/x", "/x"),
                new Row("/", true, "", "/"),
                new Row("/s", false, "/x", "/s{R}/x"),
                new Row(null, false, "/x", "{R}/x"),
                new Row("/s/", true, "/x", "/s/x"),
                new Row("/s/", true, "x", "/s/x"),
                new Row("/s/", false, "/x", "/s{R}/x"),
                new Row("/s", true, "/", "/s/"),
                new Row("/s", true, "/x/", "/s/x/"));
        List<String> routes = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String name = Gateway.unique("uu" + i);
            gw.service(name, upstream.url() + (row.servicePath() == null ? "" : row.servicePath()));
            String routePath = t + "/r" + i + "p";
            routes.add(routePath);
            gw.route(name, "paths", List.of(routePath), "strip_path", row.strip());
        }
        gw.sync();
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String routePath = routes.get(i);
            String request = routePath + row.suffix();
            String expected = row.expected().replace("{R}", routePath);
            RawHttp.Response r = RawHttp.get(request);
            checks.add(() -> assertEquals(expected, r.header("X-Upstream-Target"),
                    "service path " + row.servicePath() + ", strip_path " + row.strip() + ", request " + request + ": " + r.status()));
        }
        assertAll(checks);
    }

    @Test
    void queryStringIsForwardedByteForByte() {
        String p = "/" + Gateway.unique("uq");
        String name = Gateway.unique("uq");
        gw.service(name, upstream.url() + "/q");
        gw.route(name, "paths", List.of(p));
        gw.sync();
        List<Executable> checks = new ArrayList<>();
        for (String query : List.of("?a=%2F&b", "?", "?a=1&a=2&c=%20+x", "?x=%zz&y=%2f%2F", "?&&a==b&", "?a=b;c=d",
                "?redirect=http%3A%2F%2Fexample.com%2F%3Fq%3D1")) {
            RawHttp.Response r = RawHttp.get(p + "/x" + query);
            checks.add(() -> assertEquals("/q/x" + query, r.header("X-Upstream-Target"), "query " + query + ": " + r.status()));
        }
        assertAll(checks);
    }

    @Test
    void hostHeaderFollowsPreserveHost() throws Exception {
        String p = "/" + Gateway.unique("uh");
        String plain = Gateway.unique("uh");
        gw.service(plain, upstream.url());
        gw.route(plain, "paths", List.of(p + "/plain"));
        String preserving = Gateway.unique("uh");
        gw.service(preserving, upstream.url());
        gw.route(preserving, "paths", List.of(p + "/kept"), "preserve_host", true);
        gw.sync();

        drain();
        assertEquals(200, RawHttp.get(p + "/plain", "Host", "Client.Example:18000").status());
        assertEquals("127.0.0.1:" + upstream.port(), upstream.next(Duration.ofSeconds(5)).header("Host"),
                "the service host and its non-default port");
        assertEquals(200, RawHttp.get(p + "/kept", "Host", "Client.Example:18000").status());
        TestUpstream.Seen kept = upstream.next(Duration.ofSeconds(5));
        assertEquals("Client.Example:18000", kept.header("Host"), "preserve_host keeps the client's Host, port included");
        assertEquals(1, kept.headers("Host").size());
    }

    private static void drain() throws InterruptedException {
        while (upstream.next(Duration.ZERO) != null) {
            // forget earlier requests
        }
    }
}
