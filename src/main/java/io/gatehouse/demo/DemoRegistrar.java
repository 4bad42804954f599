package io.gatehouse.demo;

import io.gatehouse.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies the demo file through the public Admin API over HTTP, as the article's
 * {@code entrypoint.sh} did with curl: it waits until {@code GET /} answers 200, then sends each
 * call in order, logs it with its status, and stops loudly (SEVERE, with the response body) at
 * the first answer that is not 2xx.
 */
public final class DemoRegistrar {

    /** How the run ended. */
    public enum Outcome { APPLIED, FAILED, ADMIN_UNREACHABLE }

    private static final Logger LOG = Logger.getLogger(DemoRegistrar.class.getName());

    private final URI adminBase;
    private final String adminToken;
    private final List<DemoFile.Call> calls;
    private final String source;
    private final Duration adminDeadline;

    /**
     * @param adminBase     the Admin API's base URL, e.g. {@code http://127.0.0.1:8001} or
     *                      {@code http://127.0.0.1:8080/_admin} in single-port mode
     * @param adminToken    sent as {@code Kong-Admin-Token} when not empty
     * @param source        where the calls came from, for the log
     * @param adminDeadline how long to wait for the Admin API to answer
     */
    public DemoRegistrar(URI adminBase, String adminToken, List<DemoFile.Call> calls, String source,
                         Duration adminDeadline) {
        String base = adminBase.toString();
        this.adminBase = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.adminToken = adminToken == null ? "" : adminToken;
        this.calls = List.copyOf(calls);
        this.source = source;
        this.adminDeadline = adminDeadline;
    }

    /** Waits for the Admin API, then applies every call. Interrupting the thread stops it. */
    public Outcome run() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        if (!awaitAdmin(http)) {
            LOG.severe("Demo platform: the Admin API at " + adminBase + " did not answer within " + adminDeadline
                    + "; the demo configuration from " + source + " was NOT registered");
            return Outcome.ADMIN_UNREACHABLE;
        }
        LOG.info("Demo platform: applying " + calls.size() + " Admin API calls from " + source + " to " + adminBase);
        for (int i = 0; i < calls.size(); i++) {
            DemoFile.Call call = calls.get(i);
            HttpResponse<String> response;
            try {
                response = http.send(request(call), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "Demo platform: " + call + " failed (" + e + "); stopped after " + i + " of "
                        + calls.size() + " calls from " + source, e);
                return Outcome.FAILED;
            }
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                LOG.severe("Demo platform: " + call + " -> " + status + " " + response.body() + "; stopped after "
                        + i + " of " + calls.size() + " calls from " + source);
                return Outcome.FAILED;
            }
            LOG.info("Demo platform: " + call + " -> " + status);
        }
        LOG.info("Demo platform: " + calls.size() + " calls from " + source + " applied");
        return Outcome.APPLIED;
    }

    private boolean awaitAdmin(HttpClient http) throws InterruptedException {
        long deadline = System.nanoTime() + adminDeadline.toNanos();
        long pause = 100;
        String last = "no answer";
        while (true) {
            try {
                HttpResponse<String> response = http.send(builder("/").GET().build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() == 200) {
                    return true;
                }
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 401) {
                    LOG.severe("Demo platform: the Admin API refused the admin token: " + last);
                    return false;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            if (System.nanoTime() > deadline) {
                LOG.warning("Demo platform: last answer of GET " + adminBase + "/ was " + last);
                return false;
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 1000);
        }
    }

    private HttpRequest request(DemoFile.Call call) {
        HttpRequest.Builder builder = builder(call.path());
        boolean sendsBody = call.body() != null || call.method().equals("PUT") || call.method().equals("POST")
                || call.method().equals("PATCH");
        if (sendsBody) {
            builder.header("Content-Type", "application/json");
            builder.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(
                    Json.writeBytes(call.body() == null ? java.util.Map.of() : call.body())));
        } else {
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(adminBase + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (!adminToken.isEmpty()) {
            builder.header("Kong-Admin-Token", adminToken);
        }
        return builder;
    }
}
