package io.gatehouse.proxy;

import static io.gatehouse.proxy.Fixtures.request;
import static io.gatehouse.proxy.Fixtures.route;
import static io.gatehouse.proxy.Fixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.model.Route;
import io.gatehouse.model.Service;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The priority cases of Kong's traditional_compatible router (§3.2). */
class RouterTest {

    private final Service svc = service("svc");

    private Router router(Route... routes) {
        return new Router(Fixtures.snapshot(List.of(svc), List.of(routes), List.of(), List.of()));
    }

    private static String matched(Router router, RequestFacts request) {
        RouteMatch match = router.match(request);
        return match == null ? null : match.route() != null ? match.route().name() : "api:" + match.api().name();
    }

    @Test
    void prefixIsAPlainStringPrefix() {
        Router router = router(route("foo").paths("/foo").service(svc).build());
        assertEquals("foo", matched(router, request("GET", null, "/foo")));
        assertEquals("foo", matched(router, request("GET", null, "/foo/bar")));
        assertEquals("foo", matched(router, request("GET", null, "/foobar")));
        assertNull(matched(router, request("GET", null, "/fo")));
    }

    @Test
    void longerPrefixWins() {
        Router router = router(
                route("short").paths("/a").service(svc).createdAt(1).build(),
                route("long").paths("/a/b").service(svc).createdAt(2).build());
        assertEquals("long", matched(router, request("GET", null, "/a/b/c")));
        assertEquals("short", matched(router, request("GET", null, "/a/c")));
    }

    @Test
    void hostRouteBeatsALongerPathOnly() {
        Router router = router(
                route("path").paths("/very/long/path").service(svc).build(),
                route("host").hosts("example.com").service(svc).build());
        assertEquals("host", matched(router, request("GET", "example.com", "/very/long/path")));
    }

    @Test
    void moreMatchFieldsWin() {
        Router router = router(
                route("path").paths("/p").service(svc).build(),
                route("path+method").paths("/").methods("GET").service(svc).build());
        assertEquals("path+method", matched(router, request("GET", null, "/p")));
        assertEquals("path", matched(router, request("POST", null, "/p")));
    }

    @Test
    void plainHostsBeatWildcards() {
        Router router = router(
                route("wild").hosts("*.example.com").service(svc).createdAt(1).build(),
                route("plain").hosts("api.example.com").service(svc).createdAt(2).build());
        assertEquals("plain", matched(router, request("GET", "api.example.com", "/")));
        assertEquals("wild", matched(router, request("GET", "a.b.example.com", "/")));
        assertNull(matched(router, request("GET", "example.com", "/")));
    }

    @Test
    void prefixWildcardHosts() {
        Router router = router(route("wild").hosts("example.*").service(svc).build());
        assertEquals("wild", matched(router, request("GET", "example.org", "/")));
        assertNull(matched(router, request("GET", "www.example.org", "/")));
    }

    @Test
    void hostWithPortRequiresTheListeningPort() {
        Router router = router(route("ported").hosts("example.com:8000").service(svc).build());
        assertEquals("ported", matched(router, request("GET", "example.com", "/")));
        RequestFacts other = new RequestFacts("GET", "example.com", 8443, "/", "https", new HeaderList());
        assertNull(router.match(other));
    }

    @Test
    void moreHeadersWin() {
        Router router = router(
                route("one").header("x-a", "1").service(svc).createdAt(1).build(),
                route("two").header("x-a", "1").header("x-b", "2").service(svc).createdAt(2).build());
        assertEquals("two", matched(router, request("GET", null, "/", "X-A", "1", "X-B", "2")));
        assertEquals("one", matched(router, request("GET", null, "/", "X-A", "1")));
    }

    @Test
    void headerValuesMatchCaseInsensitivelyOrByRegex() {
        Router router = router(
                route("exact").header("x-version", "V1").service(svc).build(),
                route("regex").header("x-client", "~*^mobile-[0-9]+$").service(svc).build());
        assertEquals("exact", matched(router, request("GET", null, "/", "X-Version", "v1")));
        assertEquals("regex", matched(router, request("GET", null, "/", "X-Client", "MOBILE-42")));
        assertNull(matched(router, request("GET", null, "/", "X-Client", "desktop")));
    }

    @Test
    void anyValueOfARepeatedHeaderMayMatch() {
        Router router = router(route("r").header("x-a", "wanted").service(svc).build());
        assertEquals("r", matched(router, request("GET", null, "/", "X-A", "other", "X-A", "wanted")));
    }

    @Test
    void regexBeatsPrefixAndRegexPriorityDecidesBetweenRegexes() {
        Router router = router(
                route("prefix").paths("/users/123").service(svc).build(),
                route("low").paths("~/users/[0-9]+").regexPriority(1).service(svc).build(),
                route("high").paths("~/users/\\d+$").regexPriority(5).service(svc).build());
        assertEquals("high", matched(router, request("GET", null, "/users/123")));
        assertEquals("low", matched(router, request("GET", null, "/users/123/orders")));
    }

    @Test
    void regexIsAnchoredAtTheStartOnlyAndExposesCaptures() {
        Router router = router(route("r").paths("~/orders/(?<id>[0-9]+)").service(svc).build());
        assertNull(router.match(request("GET", null, "/api/orders/7")));
        RouteMatch match = router.match(request("GET", null, "/orders/7/items"));
        assertNotNull(match);
        assertEquals("/orders/7", match.matchedPrefix());
        assertEquals("7", match.uriCaptures().get("id"));
        assertEquals("7", match.uriCaptures().get("1"));
    }

    @Test
    void tiesGoToTheOldestRoute() {
        Router router = router(
                route("newer").paths("/same").service(svc).createdAt(20).build(),
                route("older").paths("/same").service(svc).createdAt(10).build());
        assertEquals("older", matched(router, request("GET", null, "/same")));
    }

    @Test
    void eachPathOfARouteRanksByItsOwnLength() {
        Router router = router(
                route("multi").paths("/a", "/b/c/d").service(svc).createdAt(1).build(),
                route("mid").paths("/b/c").service(svc).createdAt(2).build());
        assertEquals("multi", matched(router, request("GET", null, "/b/c/d/e")));
        assertEquals("mid", matched(router, request("GET", null, "/b/c/x")));
    }

    @Test
    void routesOfDisabledServicesAreLeftOut() {
        Service off = Fixtures.disabled(service("off"));
        Router router = new Router(Fixtures.snapshot(List.of(off), List.of(route("r").paths("/x").service(off).build()),
                List.of(), List.of()));
        assertNull(router.match(request("GET", null, "/x")));
    }

    @Test
    void serviceLessRoutesStillMatch() {
        Router router = router(route("orphan").paths("/o").build());
        RouteMatch match = router.match(request("GET", null, "/o"));
        assertNotNull(match);
        assertNull(match.service());
    }

    @Test
    void legacyApisMatchAfterRoutes() {
        Service s = service("svc");
        Router router = new Router(Fixtures.snapshot(List.of(s),
                List.of(route("route").paths("/r").service(s).build()),
                List.of(Fixtures.api("plain", List.of(), List.of("/r", "/legacy"), "http://up/base", 1),
                        Fixtures.api("regex", List.of(), List.of("/items/\\d+"), "http://up/", 2)),
                List.of()));
        assertEquals("route", matched(router, request("GET", null, "/r/x")));
        assertEquals("api:plain", matched(router, request("GET", null, "/legacy/x")));
        assertEquals("api:regex", matched(router, request("GET", null, "/items/12")));
        assertNull(matched(router, request("GET", null, "/nothing")));
    }

    @Test
    void matchingCostDoesNotGrowWithTheNumberOfRoutes() {
        long small = examinedPerMatch(10);
        long large = examinedPerMatch(10_000);
        // Only the routes whose host bucket and path prefix fit are looked at.
        assertTrue(large <= 4, "10k routes examined " + large + " candidates per match");
        assertTrue(large <= small + 2, "10 routes: " + small + ", 10k routes: " + large);
    }

    @Test
    void answersAreCachedPerRequestShapeIncludingTheHeadersRoutesTest() {
        Router router = router(
                route("v2").paths("/api").header("x-version", "2").service(svc).createdAt(1).build(),
                route("plain").paths("/api").service(svc).createdAt(2).build(),
                route("named-host").hosts("null").paths("/h").service(svc).createdAt(3).build());

        assertEquals("v2", matched(router, request("GET", null, "/api/x", "X-Version", "2")));
        long afterFirst = router.candidatesExamined();
        assertEquals("v2", matched(router, request("GET", null, "/api/x", "X-Version", "2")));
        assertEquals(afterFirst, router.candidatesExamined(), "the same request shape is answered from the cache");

        assertEquals("plain", matched(router, request("GET", null, "/api/x", "X-Version", "3")),
                "a header that a route tests is part of the key");
        assertEquals("plain", matched(router, request("GET", null, "/api/x")));
        assertEquals("v2", matched(router, request("GET", null, "/api/x", "X-Version", "2")));

        assertEquals("named-host", matched(router, request("GET", "null", "/h")));
        assertNull(matched(router, request("GET", null, "/h")), "an absent Host is not the host named \"null\"");
        assertNull(matched(router, request("GET", null, "/h")), "a miss is cached as a miss");
        assertNull(matched(router, request("GET", "other", "/nowhere")));

        String longPath = "/api/" + "x".repeat(Router.MAX_CACHED_KEY);
        assertEquals("plain", matched(router, request("GET", null, longPath)));
        long beforeLong = router.candidatesExamined();
        assertEquals("plain", matched(router, request("GET", null, longPath)));
        assertTrue(router.candidatesExamined() > beforeLong, "a long request shape is never cached");
    }

    private long examinedPerMatch(int count) {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            switch (i % 3) {
                case 0 -> routes.add(route("p" + i).paths("/svc" + i + "/v1").service(svc).createdAt(i).build());
                case 1 -> routes.add(route("h" + i).hosts("host" + i + ".example.com").service(svc).createdAt(i).build());
                default -> routes.add(route("hp" + i).hosts("api" + i + ".example.com").paths("/items", "/orders")
                        .methods("GET").service(svc).createdAt(i).build());
            }
        }
        Router router = new Router(Fixtures.snapshot(List.of(svc), routes, List.of(), List.of()));
        int probes = 0;
        long before = router.candidatesExamined();
        for (int i = 0; i < Math.min(count, 300); i++) {
            RequestFacts request = switch (i % 3) {
                case 0 -> request("GET", "unknown.test", "/svc" + i + "/v1/x");
                case 1 -> request("GET", "host" + i + ".example.com", "/anything");
                default -> request("GET", "api" + i + ".example.com", "/orders/1");
            };
            String expected = switch (i % 3) {
                case 0 -> "p" + i;
                case 1 -> "h" + i;
                default -> "hp" + i;
            };
            assertEquals(expected, matched(router, request));
            probes++;
        }
        return (router.candidatesExamined() - before + probes - 1) / probes;
    }
}
