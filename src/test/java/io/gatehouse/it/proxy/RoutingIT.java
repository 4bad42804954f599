package io.gatehouse.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.it.proxy.support.Gateway;
import io.gatehouse.it.proxy.support.RawHttp;
import io.gatehouse.it.proxy.support.TestUpstream;
import io.gatehouse.it.support.Deployments;
import io.gatehouse.it.support.Json;
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
 * Kong's router (kong-behaviour §3.2) observed on the proxy port: each service points at the
 * same real upstream with its own base path, so the path the upstream receives tells which
 * route matched. Every host and path carries a random token (the database is shared).
 */
@ExtendWith(ArquillianExtension.class)
class RoutingIT {

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

    /** A service whose upstream base path is {@code /<tag>}; returns its name. */
    private String svc(String tag) {
        String name = Gateway.unique("rt-" + tag);
        gw.service(name, upstream.url() + "/" + tag);
        return name;
    }

    /** The upstream target a proxied GET reached, or "<status>" when it did not reach it. */
    private static String reachedWith(String method, String path, String... headers) {
        RawHttp.Response r = RawHttp.request(method, path, null, headers);
        return r.status() == 200 && r.header("X-Upstream-Target") != null ? r.header("X-Upstream-Target") : "" + r.status();
    }

    private static String reached(String path, String... headers) {
        return reachedWith("GET", path, headers);
    }

    @Test
    void exactAndWildcardHosts() {
        String t = Gateway.unique("h");
        gw.route(svc("exact"), "hosts", List.of(t + ".example.com"));
        gw.route(svc("suffix"), "hosts", List.of("*." + t + ".wild.test"));
        gw.route(svc("prefix"), "hosts", List.of(t + "-pre.*"));
        gw.sync();

        assertEquals("/exact", reached("/", "Host", t + ".example.com"));
        assertEquals("/exact/a", reached("/a", "Host", t + ".example.com:18000"), "the port of the Host header is ignored");
        assertEquals("404", reached("/", "Host", "x" + t + ".example.com"));
        assertEquals("/suffix", reached("/", "Host", "a." + t + ".wild.test"));
        assertEquals("/suffix", reached("/", "Host", "a.b.c." + t + ".wild.test"), "a suffix wildcard covers any depth");
        assertEquals("404", reached("/", "Host", t + ".wild.test"));
        assertEquals("/prefix", reached("/", "Host", t + "-pre.org"));
        assertEquals("/prefix", reached("/", "Host", t + "-pre.co.uk"));
        assertEquals("404", reached("/", "Host", "a." + t + "-pre.org"));
    }

    @Test
    void hostWithPortRequiresTheListeningPort() {
        String t = Gateway.unique("hp");
        gw.route(svc("port18000"), "hosts", List.of(t + ".test:18000"));
        gw.route(svc("port9999"), "hosts", List.of(t + "-other.test:9999"));
        gw.sync();

        assertEquals("/port18000", reached("/", "Host", t + ".test:18000"));
        assertEquals("/port18000", reached("/", "Host", t + ".test"), "the listening port is 18000");
        assertEquals("404", reached("/", "Host", t + "-other.test:9999"), "the proxy does not listen on 9999");
    }

    @Test
    void prefixPathsAreStringPrefixes() {
        String p = "/" + Gateway.unique("px");
        gw.route(svc("api"), "paths", List.of(p + "/api"));
        gw.sync();

        assertEquals("/api", reached(p + "/api"));
        assertEquals("/api/v1", reached(p + "/api/v1"));
        assertEquals("/api/x", reached(p + "/apix"), "/api matches /apix (strip_path leaves 'x')");
        assertEquals("404", reached(p + "/ap"));
    }

    @Test
    void regexPathsAreOrderedByRegexPriorityAndBeatPrefixes() {
        String p = "/" + Gateway.unique("rx");
        gw.route(svc("digits"), "paths", List.of("~" + p + "/item/\\d+$"), "regex_priority", 0, "strip_path", false);
        gw.route(svc("any"), "paths", List.of("~" + p + "/item/.*"), "regex_priority", 10, "strip_path", false);
        gw.route(svc("plain"), "paths", List.of(p + "/item"), "strip_path", false);
        String q = "/" + Gateway.unique("rx");
        gw.route(svc("qdigits"), "paths", List.of("~" + q + "/item/\\d+$"), "regex_priority", 20, "strip_path", false);
        gw.route(svc("qany"), "paths", List.of("~" + q + "/item/.*"), "regex_priority", 10, "strip_path", false);
        gw.sync();

        assertEquals("/any" + p + "/item/5", reached(p + "/item/5"), "higher regex_priority wins");
        assertEquals("/any" + p + "/item/abc", reached(p + "/item/abc"));
        assertEquals("/plain" + p + "/item", reached(p + "/item"), "only the prefix matches");
        assertEquals("/qdigits" + q + "/item/5", reached(q + "/item/5"), "higher regex_priority wins");
        assertEquals("/qany" + q + "/item/5x", reached(q + "/item/5x"), "the $ anchor excludes 5x");
    }

    @Test
    void regexStripPathRemovesTheMatchedPart() {
        String p = "/" + Gateway.unique("rxs");
        gw.route(svc("rs"), "paths", List.of("~" + p + "/v\\d+"));
        gw.sync();
        assertEquals("/rs/users", reached(p + "/v12/users"));
    }

    @Test
    void methodsAddToPriority() {
        String p = "/" + Gateway.unique("mh");
        gw.route(svc("post"), "paths", List.of(p), "methods", List.of("POST"));
        gw.route(svc("anymethod"), "paths", List.of(p));
        gw.sync();
        assertEquals("/post", reachedWith("POST", p, "Content-Length", "0"));
        assertEquals("/anymethod", reachedWith("GET", p));
        assertEquals("/anymethod", reachedWith("PUT", p, "Content-Length", "0"));
    }

    @Test
    void headersAddToPriority() {
        String h = "/" + Gateway.unique("mh");
        // Routes with headers are deleted at the end whatever happens: the database is shared, and
        // a route the snapshot builder cannot read would stop the proxy from seeing any later write.
        List<String> headerRoutes = new java.util.ArrayList<>();
        try {
        headerRoutes.add(gw.route(svc("v2"), "paths", List.of(h), "headers", Map.of("x-version", List.of("v2"))));
        headerRoutes.add(gw.route(svc("choc"), "paths", List.of(h), "headers", Map.of("x-flavour", List.of("~*^choc"))));
        gw.route(svc("noheader"), "paths", List.of(h));
        gw.sync();
        assertEquals("/v2", reached(h, "X-Version", "V2"), "header values compare case-insensitively");
        assertEquals("/choc", reached(h, "X-Flavour", "Chocolate"), "~* regex header values");
        assertEquals("/noheader", reached(h, "X-Version", "v3"));
        assertEquals("/noheader", reached(h));
        } finally {
            headerRoutes.forEach(id -> gw.admin().delete("/routes/" + id));
        }
    }

    @Test
    void hostRouteBeatsALongerPathAndTheLongerPrefixWins() {
        String t = Gateway.unique("pr");
        String p = "/" + t;
        gw.route(svc("byhost"), "hosts", List.of(t + ".test"));
        gw.route(svc("bypath"), "paths", List.of(p + "/longer/path"));
        gw.route(svc("short"), "paths", List.of(p));
        gw.route(svc("long"), "paths", List.of(p + "/deeper"));
        gw.sync();

        assertEquals("/byhost" + p + "/longer/path", reached(p + "/longer/path", "Host", t + ".test"),
                "a host route beats a path-only route, even with a longer URI");
        assertEquals("/bypath", reached(p + "/longer/path"));
        assertEquals("/long/x", reached(p + "/deeper/x"), "the longest prefix wins");
        assertEquals("/short/x", reached(p + "/x"));
        assertEquals("/short/deepe", reached(p + "/deepe"));
    }

    @Test
    void disabledServiceTakesItsRoutesOutAndEnablingBringsThemBack() {
        String p = "/" + Gateway.unique("dis");
        String name = Gateway.unique("rt-disabled");
        gw.service(name, upstream.url() + "/disabled", "enabled", false);
        gw.route(name, "paths", List.of(p));
        gw.sync();

        RawHttp.Response r = RawHttp.get(p);
        assertEquals(404, r.status(), r::toString);
        String id = r.json().path("request_id").asText();
        org.junit.jupiter.api.Assertions.assertAll(
                () -> assertEquals("application/json; charset=utf-8", r.header("Content-Type")),
                () -> assertEquals("no Route matched with those values", r.json().path("message").asText()),
                () -> assertTrue(id.matches("[0-9a-f]{32}"), id),
                () -> assertEquals(id, r.header("X-Kong-Request-Id")),
                () -> assertEquals(List.of("message", "request_id"), fieldNames(r)));

        assertEquals(200, gw.admin().patch("/services/" + name, Json.obj("enabled", true)).status());
        RawHttp.Response served = Gateway.await(() -> RawHttp.get(p), x -> x.status() == 200, "the enabled service's route");
        assertEquals("/disabled", served.header("X-Upstream-Target"));
    }

    @Test
    void routeWithoutServiceAnswers503() {
        String p = "/" + Gateway.unique("nosvc");
        gw.route(null, "paths", List.of(p));
        gw.sync();
        RawHttp.Response r = RawHttp.get(p);
        assertEquals(503, r.status(), r::toString);
        RawHttp.Response text = RawHttp.get(p, "Accept", "text/plain");
        org.junit.jupiter.api.Assertions.assertAll(
                () -> assertEquals("no Service found with those values", r.json().path("message").asText()),
                () -> assertTrue(r.json().path("request_id").asText().matches("[0-9a-f]{32}"), r::toString),
                () -> assertEquals("no Service found with those values\nrequest_id: " + text.header("X-Kong-Request-Id") + "\n",
                        text.text()),
                () -> assertEquals("application/json; charset=utf-8", r.header("Content-Type")),
                () -> assertEquals("text/plain; charset=utf-8", text.header("Content-Type")));
    }

    @Test
    void legacyApisComeAfterRoutesAndRegexUrisWork() {
        String p = "/" + Gateway.unique("lg");
        gw.create("/apis", "name", Gateway.unique("api"), "uris", List.of(p), "upstream_url", upstream.url() + "/legacy");
        gw.route(svc("modern"), "paths", List.of(p + "/x"));
        String r = "/" + Gateway.unique("lgre");
        gw.create("/apis", "name", Gateway.unique("api"), "uris", List.of(r + "/\\d+"), "upstream_url", upstream.url() + "/lre");
        gw.sync();

        assertEquals("/modern/y", reached(p + "/x/y"), "routes are matched before apis");
        assertEquals("/legacy/z", reached(p + "/z"), "the api matches what no route does (strip_uri)");
        assertEquals("/lre/tail", reached(r + "/123/tail"), "a uri with characters outside the plain set is a regex");
        RawHttp.Response miss = RawHttp.get(r + "/abc");
        assertEquals(404, miss.status(), miss::toString);
        assertEquals("no Route matched with those values", miss.json().path("message").asText());
    }

    private static List<String> fieldNames(RawHttp.Response r) {
        List<String> names = new java.util.ArrayList<>();
        r.json().fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void protocolsDecideWhatAPlainHttpRequestGets() {
        String t = Gateway.unique("proto");
        gw.route(svc("https-only"), "paths", List.of("/" + t + "-tls"), "protocols", List.of("https"));
        gw.route(svc("https-redirect"), "paths", List.of("/" + t + "-moved"), "protocols", List.of("https"),
                "https_redirect_status_code", 301);
        gw.route(svc("grpc-only"), "paths", List.of("/" + t + "-grpc"), "protocols", List.of("grpc", "grpcs"));
        gw.route(svc("both"), "paths", List.of("/" + t + "-both"), "protocols", List.of("http", "https"));
        gw.sync();

        RawHttp.Response tls = RawHttp.get("/" + t + "-tls/x", "Accept", "application/json");
        assertEquals(426, tls.status(), tls::toString);
        assertEquals("Please use HTTPS protocol", tls.json().path("message").asText());
        assertEquals("Upgrade", tls.header("Connection"));
        assertEquals("TLS/1.2, HTTP/1.1", tls.header("Upgrade"));

        RawHttp.Response moved = RawHttp.get("/" + t + "-moved/x?a=1", "Host", "api.example.com");
        assertEquals(301, moved.status(), moved::toString);
        assertEquals("https://api.example.com/" + t + "-moved/x?a=1", moved.header("Location"));

        RawHttp.Response grpc = RawHttp.get("/" + t + "-grpc/x", "Accept", "application/json");
        assertEquals(415, grpc.status(), grpc::toString);
        assertEquals("Non-gRPC request matched gRPC route", grpc.json().path("message").asText());

        assertEquals("/both/x", reached("/" + t + "-both/x"));
    }
}
