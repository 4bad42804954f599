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

/** key-auth (kong-behaviour §4.3, §4.4) against a real upstream. */
@ExtendWith(ArquillianExtension.class)
class KeyAuthIT {

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

    /** A consumer with a key; the key's credential id and the consumer id. */
    private record Client(String username, String consumerId, String customId, String key, String credentialId) {
    }

    private Client client() {
        String username = Gateway.unique("ka-user");
        String customId = Gateway.unique("cid");
        String consumerId = gw.consumer(username, "custom_id", customId);
        String key = Gateway.unique("key");
        String credentialId = gw.create("/consumers/" + username + "/key-auth", "key", key).id();
        return new Client(username, consumerId, customId, key, credentialId);
    }

    /** A route with key-auth configured by {@code config}; returns its path. */
    private String protectedRoute(Map<String, Object> config) {
        String p = "/" + Gateway.unique("ka");
        String name = Gateway.unique("ka");
        gw.service(name, upstream.url());
        String route = gw.route(name, "paths", List.of(p), "strip_path", false);
        if (config == null) {
            gw.create("/routes/" + route + "/plugins", "name", "key-auth");
        } else {
            gw.create("/routes/" + route + "/plugins", "name", "key-auth", "config", config);
        }
        return p;
    }

    private static TestUpstream.Seen seen() throws InterruptedException {
        TestUpstream.Seen s = upstream.next(Duration.ofSeconds(10));
        assertNotNull(s, "the upstream received the request");
        return s;
    }

    private static void drain() throws InterruptedException {
        while (upstream.next(Duration.ZERO) != null) {
            // forget earlier requests
        }
    }

    private static void assert401(RawHttp.Response r, String message, String challenge) {
        assertAll(
                () -> assertEquals(401, r.status(), r::toString),
                () -> assertEquals("application/json; charset=utf-8", r.header("Content-Type")),
                () -> assertEquals(message, r.json().path("message").asText()),
                () -> assertEquals(r.header("X-Kong-Request-Id"), r.json().path("request_id").asText(), "Kong 3.5+ request_id"),
                () -> assertTrue(r.json().path("request_id").asText().matches("[0-9a-f]{32}"), r::toString),
                () -> assertEquals(challenge, r.header("WWW-Authenticate")));
    }

    @Test
    void keyInHeaderOrQueryIdentifiesTheConsumer() throws Exception {
        String p = protectedRoute(null);
        Client c = client();
        gw.sync();
        drain();
        RawHttp.Response r = RawHttp.get(p + "/h", "apikey", c.key(), "X-Consumer-ID", "spoofed",
                "X-Anonymous-Consumer", "true");
        assertEquals(200, r.status(), r::toString);
        TestUpstream.Seen up = seen();
        assertAll(
                () -> assertEquals(c.consumerId(), up.header("X-Consumer-ID")),
                () -> assertEquals(1, up.headers("X-Consumer-ID").size()),
                () -> assertEquals(c.username(), up.header("X-Consumer-Username")),
                () -> assertEquals(c.customId(), up.header("X-Consumer-Custom-ID")),
                () -> assertEquals(c.credentialId(), up.header("X-Credential-Identifier"), "key-auth: the credential id"),
                () -> assertNull(up.header("X-Anonymous-Consumer")),
                () -> assertEquals(c.key(), up.header("apikey"), "hide_credentials is false by default"));

        RawHttp.Response q = RawHttp.get(p + "/q?x=1&apikey=" + c.key());
        assertEquals(200, q.status(), q::toString);
        TestUpstream.Seen upQ = seen();
        assertEquals(p + "/q?x=1&apikey=" + c.key(), upQ.target());
        assertEquals(c.consumerId(), upQ.header("X-Consumer-ID"));
    }

    @Test
    void missingEmptyWrongAndDuplicateKeys() {
        String p = protectedRoute(null);
        Client c = client();
        gw.sync();
        assert401(RawHttp.get(p), "No API key found in request", "Key");
        assert401(RawHttp.get(p, "apikey", ""), "No API key found in request", "Key");
        assert401(RawHttp.get(p + "?apikey="), "No API key found in request", "Key");
        assert401(RawHttp.get(p, "apikey", "not-" + c.key()), "Unauthorized", "Key");
        assert401(RawHttp.get(p + "?apikey=a&apikey=" + c.key()), "Duplicate API key found", "Key");
        assert401(RawHttp.get(p, "apikey", c.key(), "apikey", c.key()), "Duplicate API key found", "Key");
        RawHttp.Response text = RawHttp.get(p, "Accept", "text/plain");
        assertEquals(401, text.status());
        assertEquals("No API key found in request\nrequest_id: " + text.header("X-Kong-Request-Id") + "\n", text.text());
    }

    @Test
    void customKeyNamesAndHideCredentials() throws Exception {
        String p = protectedRoute(Map.of("key_names", List.of("x-token", "tok"), "hide_credentials", true));
        Client c = client();
        gw.sync();
        drain();
        assert401(RawHttp.get(p, "apikey", c.key()), "No API key found in request", "Key");
        assert401(RawHttp.get(p + "?apikey=" + c.key()), "No API key found in request", "Key");

        assertEquals(200, RawHttp.get(p + "/h?keep=1", "X-Token", c.key(), "X-Other", "o").status());
        TestUpstream.Seen header = seen();
        assertAll(
                () -> assertNull(header.header("X-Token"), "hidden: " + header),
                () -> assertEquals("o", header.header("X-Other")),
                () -> assertEquals(p + "/h?keep=1", header.target()),
                () -> assertEquals(c.credentialId(), header.header("X-Credential-Identifier")));

        assertEquals(200, RawHttp.get(p + "/q?a=%2F&tok=" + c.key() + "&b").status());
        assertEquals(p + "/q?a=%2F&b", seen().target(), "the key is removed, other arguments byte-exact");
        assertEquals(200, RawHttp.get(p + "/q?tok=" + c.key()).status());
        TestUpstream.Seen only = seen();
        assertTrue(only.target().equals(p + "/q") || only.target().equals(p + "/q?"), only.target());
    }

    @Test
    void anonymousConsumerFallback() throws Exception {
        String anonName = Gateway.unique("ka-anon");
        String anonId = gw.consumer(anonName);
        String p = protectedRoute(Map.of("anonymous", anonId));
        Client c = client();
        String missing = Gateway.unique("ka-nobody");
        String broken = protectedRoute(Map.of("anonymous", missing));
        gw.sync();
        drain();
        RawHttp.Response r = RawHttp.get(p, "apikey", "wrong", "X-Credential-Identifier", "spoofed");
        assertEquals(200, r.status(), r::toString);
        TestUpstream.Seen anon = seen();
        assertAll(
                () -> assertEquals("true", anon.header("X-Anonymous-Consumer")),
                () -> assertEquals(anonId, anon.header("X-Consumer-ID")),
                () -> assertEquals(anonName, anon.header("X-Consumer-Username")),
                () -> assertNull(anon.header("X-Credential-Identifier"), anon::toString),
                () -> assertNull(anon.header("X-Consumer-Custom-ID"), anon::toString));
        assertEquals(200, RawHttp.get(p).status());
        assertEquals("true", seen().header("X-Anonymous-Consumer"));

        assertEquals(200, RawHttp.get(p, "apikey", c.key(), "X-Anonymous-Consumer", "true").status());
        TestUpstream.Seen real = seen();
        assertNull(real.header("X-Anonymous-Consumer"), real::toString);
        assertEquals(c.consumerId(), real.header("X-Consumer-ID"));

        RawHttp.Response b = RawHttp.get(broken);
        assertEquals(500, b.status(), b::toString);
        assertEquals("anonymous consumer " + missing + " is configured but doesn't exist", b.json().path("message").asText());
    }

    @Test
    void runOnPreflightAndRealm() throws Exception {
        String open = protectedRoute(Map.of("run_on_preflight", false));
        String strict = protectedRoute(null);
        String realm = protectedRoute(Map.of("realm", "gatehouse-it"));
        gw.sync();
        drain();
        RawHttp.Response preflight = RawHttp.request("OPTIONS", open, null, "Origin", "http://a.example",
                "Access-Control-Request-Method", "GET");
        assertEquals(200, preflight.status(), preflight::toString);
        assertEquals("OPTIONS", seen().method());
        assert401(RawHttp.get(open), "No API key found in request", "Key");
        assert401(RawHttp.request("OPTIONS", strict, null), "No API key found in request", "Key");
        assert401(RawHttp.get(realm), "No API key found in request", "Key realm=\"gatehouse-it\"");
        assert401(RawHttp.get(realm, "apikey", "nope"), "Unauthorized", "Key realm=\"gatehouse-it\"");
        List<String> none = new ArrayList<>();
        assertEquals(none, none);
    }
}
