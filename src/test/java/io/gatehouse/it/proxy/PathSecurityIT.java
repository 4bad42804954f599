package io.gatehouse.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gatehouse.it.proxy.support.Gateway;
import io.gatehouse.it.proxy.support.RawHttp;
import io.gatehouse.it.proxy.support.TestUpstream;
import io.gatehouse.it.support.Deployments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Path normalisation (kong-behaviour §3.2, DESIGN §8): dot segments, percent-encoded dots and
 * Tomcat's {@code ;} parameters must never carry a request to a route whose key-auth plugin does
 * not run. /T/private has key-auth, /T/public has none; each has its own real upstream.
 */
@ExtendWith(ArquillianExtension.class)
class PathSecurityIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    private final Gateway gw = new Gateway();

    @Test
    void traversalTricksNeverReachThePrivateUpstreamUnauthenticated() throws Exception {
        try (TestUpstream privateUp = TestUpstream.start(); TestUpstream publicUp = TestUpstream.start()) {
            String t = "/" + Gateway.unique("ps");
            String priv = Gateway.unique("ps-private");
            String pub = Gateway.unique("ps-public");
            gw.service(priv, privateUp.url());
            gw.service(pub, publicUp.url());
            String privateRoute = gw.route(priv, "paths", List.of(t + "/private"), "strip_path", false);
            gw.route(pub, "paths", List.of(t + "/public"), "strip_path", false);
            gw.create("/routes/" + privateRoute + "/plugins", "name", "key-auth");
            String user = Gateway.unique("ps-user");
            gw.consumer(user);
            String key = Gateway.unique("ps-key");
            gw.create("/consumers/" + user + "/key-auth", "key", key);
            gw.sync();

            // The setup works: no key is refused, a key gets through, the public route is open.
            assertEquals(401, RawHttp.get(t + "/private").status());
            assertEquals(200, RawHttp.get(t + "/private", "apikey", key).status());
            assertEquals(t + "/private", privateUp.next(java.time.Duration.ofSeconds(5)).target());
            assertEquals(200, RawHttp.get(t + "/public/x").status());
            assertEquals(t + "/public/x", publicUp.next(java.time.Duration.ofSeconds(5)).target());
            int privateBefore = privateUp.requestCount();

            String[] attacks = {
                t + "/public/..;/private",
                t + "/public/..;x=y/private",
                t + "/public/%2e%2e/private",
                t + "/public/%2E%2E/private",
                t + "/public/.%2e/private",
                t + "/public/%2e./private",
                t + "/public/../private",
                t + "/public/./../private",
                t + "/public;/../private",
                "/%2e%2e" + t + "/private",
                "/.." + t + "/private",
                t + "/./private",
                t + "//private",
                t + "/pr%69vate",
                t + "/public/..%2fprivate",
                t + "/public/..%2Fprivate",
                t + "/public/%2e%2e%2fprivate",
            };
            List<String> problems = new ArrayList<>();
            Map<String, String> outcomes = new java.util.LinkedHashMap<>();
            for (String attack : attacks) {
                RawHttp.Response r = RawHttp.get(attack);
                String target = r.header("X-Upstream-Target");
                outcomes.put(attack, r.status() + (target == null ? "" : " -> " + target));
                if (r.status() == 200) {
                    if (target == null) {
                        problems.add(attack + ": 200 without reaching a test upstream: " + r);
                    } else if (target.contains("..") || target.contains(";") || target.contains("%2e")
                            || target.contains("%2E") || target.startsWith(t + "/private")) {
                        problems.add(attack + ": forwarded un-normalised or to /private: " + target);
                    }
                } else if (r.status() != 401 && r.status() != 400 && r.status() != 404) {
                    problems.add(attack + ": unexpected status " + r);
                }
            }
            assertEquals(privateBefore, privateUp.requestCount(),
                    "the private upstream was reached without a key: " + privateUp.seen() + "\noutcomes: " + outcomes);
            if (!problems.isEmpty()) {
                fail(String.join("\n", problems) + "\noutcomes: " + outcomes);
            }
            // The normalised forms of /private must have met key-auth, not the public route.
            for (String attack : List.of(t + "/public/%2e%2e/private", t + "/public/../private", t + "/./private",
                    t + "/pr%69vate", "/%2e%2e" + t + "/private")) {
                String outcome = outcomes.get(attack);
                assertTrue(outcome.startsWith("401") || outcome.startsWith("400"),
                        attack + " should normalise to " + t + "/private and meet key-auth (or be rejected): " + outcome);
            }
            // Every public-route forward carried the normalised path.
            for (TestUpstream.Seen seen : publicUp.seen()) {
                assertFalse(seen.target().contains(".."), seen.target());
            }
        }
    }

    @Test
    void normalisedPathIsWhatGoesUpstream() throws Exception {
        try (TestUpstream up = TestUpstream.start()) {
            String t = "/" + Gateway.unique("pn");
            String svc = Gateway.unique("pn");
            gw.service(svc, up.url());
            gw.route(svc, "paths", List.of(t), "strip_path", false);
            gw.sync();
            assertEquals(t + "/a/c", RawHttp.get(t + "/a/b/../c").header("X-Upstream-Target"));
            assertEquals(t + "/a/c", RawHttp.get(t + "/a/./c").header("X-Upstream-Target"));
            assertEquals(t + "/a/c", RawHttp.get(t + "/a//c").header("X-Upstream-Target"));
            assertEquals(t + "/abc~", RawHttp.get(t + "/%61bc%7E").header("X-Upstream-Target"),
                    "unreserved characters are decoded");
            assertEquals(t + "/a%3Ab", RawHttp.get(t + "/a%3ab").header("X-Upstream-Target"),
                    "reserved characters stay encoded, upper-cased");
            assertEquals(t + "/a%20b", RawHttp.get(t + "/a%20b").header("X-Upstream-Target"));
        }
    }
}
