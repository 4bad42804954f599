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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** basic-auth (kong-behaviour §4.3, §4.5) against a real upstream. */
@ExtendWith(ArquillianExtension.class)
class BasicAuthIT {

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

    private record User(String consumerId, String username, String password) {
        String basic() {
            return basic(password);
        }

        String basic(String pw) {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + pw).getBytes(StandardCharsets.UTF_8));
        }
    }

    private User user() {
        String consumer = Gateway.unique("ba-consumer");
        String id = gw.consumer(consumer);
        String username = Gateway.unique("Aladdin");
        gw.create("/consumers/" + consumer + "/basic-auth", "username", username, "password", "Open Sesame:1");
        return new User(id, username, "Open Sesame:1");
    }

    private String route(Map<String, Object> config) {
        String p = "/" + Gateway.unique("ba");
        String name = Gateway.unique("ba");
        gw.service(name, upstream.url());
        String route = gw.route(name, "paths", List.of(p), "strip_path", false);
        if (config == null) {
            gw.create("/routes/" + route + "/plugins", "name", "basic-auth");
        } else {
            gw.create("/routes/" + route + "/plugins", "name", "basic-auth", "config", config);
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

    private static void assert401(RawHttp.Response r, String realm) {
        assertAll(
                () -> assertEquals(401, r.status(), r::toString),
                () -> assertEquals("Unauthorized", r.json().path("message").asText()),
                () -> assertTrue(r.json().path("request_id").asText().matches("[0-9a-f]{32}"), r::toString),
                () -> assertEquals("Basic realm=\"" + realm + "\"", r.header("WWW-Authenticate")));
    }

    @Test
    void validCredentialsReachTheUpstreamWithConsumerHeaders() throws Exception {
        String p = route(null);
        User u = user();
        gw.sync();
        drain();
        RawHttp.Response r = RawHttp.get(p, "Authorization", u.basic(), "X-Consumer-Username", "spoofed");
        assertEquals(200, r.status(), r::toString);
        TestUpstream.Seen up = seen();
        assertAll(
                () -> assertEquals(u.username(), up.header("X-Credential-Identifier"), "basic-auth: the username"),
                () -> assertEquals(u.consumerId(), up.header("X-Consumer-ID")),
                () -> assertEquals(1, up.headers("X-Consumer-Username").size()),
                () -> assertTrue(!"spoofed".equals(up.header("X-Consumer-Username")), up::toString),
                () -> assertEquals(u.basic(), up.header("Authorization"), "kept: hide_credentials is false"),
                () -> assertNull(up.header("X-Anonymous-Consumer")));
        String lower = "basic " + u.basic().substring(6);
        assertEquals(200, RawHttp.get(p, "Authorization", lower).status(), "the scheme is case-insensitive");
    }

    @Test
    void failuresAre401WithTheServiceRealm() {
        String p = route(null);
        User u = user();
        String custom = route(Map.of("realm", "members"));
        gw.sync();
        assert401(RawHttp.get(p), "service");
        assert401(RawHttp.get(p, "Authorization", u.basic("wrong")), "service");
        assert401(RawHttp.get(p, "Authorization", "Basic !!!notbase64"), "service");
        assert401(RawHttp.get(p, "Authorization", "Bearer abc"), "service");
        assert401(RawHttp.get(p, "Authorization", "Basic " + Base64.getEncoder().encodeToString("nobody:x".getBytes())), "service");
        assert401(RawHttp.get(custom), "members");
    }

    @Test
    void hideCredentialsRemovesAuthorization() throws Exception {
        String p = route(Map.of("hide_credentials", true));
        User u = user();
        gw.sync();
        drain();
        assertEquals(200, RawHttp.get(p, "Authorization", u.basic()).status());
        TestUpstream.Seen up = seen();
        assertNull(up.header("Authorization"), up::toString);
        assertEquals(u.username(), up.header("X-Credential-Identifier"));
    }

    @Test
    void anonymousFallback() throws Exception {
        String anonName = Gateway.unique("ba-anon");
        String anonId = gw.consumer(anonName);
        String p = route(Map.of("anonymous", anonName));
        User u = user();
        gw.sync();
        drain();
        assertEquals(200, RawHttp.get(p, "Authorization", u.basic("wrong")).status());
        TestUpstream.Seen anon = seen();
        assertEquals("true", anon.header("X-Anonymous-Consumer"));
        assertEquals(anonId, anon.header("X-Consumer-ID"));
        assertEquals(anonName, anon.header("X-Consumer-Username"));
        assertNull(anon.header("X-Credential-Identifier"));
        assertEquals(200, RawHttp.get(p, "Authorization", u.basic()).status());
        TestUpstream.Seen real = seen();
        assertNull(real.header("X-Anonymous-Consumer"));
        assertEquals(u.consumerId(), real.header("X-Consumer-ID"));
    }

    @Test
    void proxyAuthorizationTakesPrecedence() throws Exception {
        String p = route(null);
        User u = user();
        gw.sync();
        drain();
        assertEquals(200, RawHttp.get(p, "Proxy-Authorization", u.basic(), "Authorization", u.basic("wrong")).status(),
                "Proxy-Authorization is read first");
        assertEquals(u.username(), seen().header("X-Credential-Identifier"));
        assert401(RawHttp.get(p, "Proxy-Authorization", u.basic("wrong"), "Authorization", u.basic()), "service");
    }
}
