import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Creates the benchmark configuration through the Admin API, with many concurrent calls.
 * A single-file program: run it with {@code java src/bench/BulkLoad.java ...} (JDK 17, no build).
 *
 * <pre>
 *   --admin URL          Admin API base URL (required), e.g. http://127.0.0.1:18511
 *   --upstream URL       URL of the upstream the services point at (required)
 *   --routes N           number of key-auth routes, paths /r/00000 .. /r/{N-1} (default 1)
 *   --consumers N        consumers (bench-c000000 ...) each with one key-auth key, created through
 *                        the Admin API (default 0; run.sh can bulk-load them with SQL instead)
 *   --keys-out FILE      write the keys of consumers 0..K-1 there, one a line (K = --keys, default
 *                        --consumers)
 *   --keys K             how many keys to write to --keys-out
 *   --concurrency C      requests in flight (default 16)
 * </pre>
 *
 * <p>It creates: service {@code plain} with route {@code /plain} and no plugins; service
 * {@code auth} with the key-auth plugin and the N routes. Consumer i has username
 * {@code bench-c%06d} and key {@code md5("bench-key-" + i)}, the same keys bulk-consumers.sql makes.
 */
public final class BulkLoad {

    private static final int MAX_ATTEMPTS = 50;

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public static void main(String[] args) throws Exception {
        String admin = null;
        String upstream = null;
        int routes = 1;
        int consumers = 0;
        int keys = -1;
        int concurrency = 16;
        Path keysOut = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--admin" -> admin = trimSlash(args[++i]);
                case "--upstream" -> upstream = args[++i];
                case "--routes" -> routes = Integer.parseInt(args[++i]);
                case "--consumers" -> consumers = Integer.parseInt(args[++i]);
                case "--keys" -> keys = Integer.parseInt(args[++i]);
                case "--keys-out" -> keysOut = Path.of(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (admin == null || upstream == null) {
            throw new IllegalArgumentException("--admin and --upstream are required");
        }
        final String base = admin;

        long started = System.nanoTime();
        call("PUT", base + "/services/plain", "{\"url\":\"" + upstream + "\"}");
        call("PUT", base + "/services/plain/routes/plain", "{\"paths\":[\"/plain\"]}");
        call("PUT", base + "/services/auth", "{\"url\":\"" + upstream + "\"}");
        // 409: a rerun against the same database already has the plugin.
        call("POST", base + "/services/auth/plugins", "{\"name\":\"key-auth\",\"config\":{\"key_names\":[\"apikey\"]}}", 409);

        run("routes", routes, concurrency, i -> new String[] {
                "PUT", base + "/services/auth/routes/" + routeName(i), "{\"paths\":[\"" + routePath(i) + "\"]}"});
        if (consumers > 0) {
            run("consumers", consumers, concurrency, i -> new String[] {
                    "PUT", base + "/consumers/" + consumerName(i), "{}"});
            run("key-auth keys", consumers, concurrency, i -> new String[] {
                    "POST", base + "/consumers/" + consumerName(i) + "/key-auth", "{\"key\":\"" + key(i) + "\"}"});
        }
        if (keysOut != null) {
            int count = keys >= 0 ? keys : consumers;
            List<String> lines = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                lines.add(key(i));
            }
            Files.write(keysOut, lines, StandardCharsets.UTF_8);
        }
        System.out.printf("bulk load done in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    static String routeName(int i) {
        return String.format("r%05d", i);
    }

    static String routePath(int i) {
        // Zero-padded so that no route path is a prefix of another one.
        return String.format("/r/%05d", i);
    }

    static String consumerName(int i) {
        return String.format("bench-c%06d", i);
    }

    /** Same as bulk-consumers.sql: md5('bench-key-' || i). */
    static String key(int i) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(("bench-key-" + i).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void call(String method, String url, String json, int... alsoAccepted)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request(method, url, json), HttpResponse.BodyHandlers.ofString());
        boolean accepted = response.statusCode() / 100 == 2;
        for (int status : alsoAccepted) {
            accepted |= response.statusCode() == status;
        }
        if (!accepted) {
            throw new IllegalStateException(method + " " + url + " -> " + response.statusCode() + " " + response.body());
        }
    }

    private static HttpRequest request(String method, String url, String json) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    /**
     * Sends {@code count} requests with at most {@code concurrency} in flight; fails on the first
     * non-2xx. A 5xx is retried (up to MAX_ATTEMPTS attempts, jittered): concurrent Admin API writes can fail with a
     * PostgreSQL serialization error; a 409 on a retry means the earlier attempt did commit.
     */
    private static void run(String what, int count, int concurrency, IntFunction<String[]> requests) throws Exception {
        long started = System.nanoTime();
        Semaphore slots = new Semaphore(concurrency);
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int i = 0; i < count && failure.get() == null; i++) {
            String[] r = requests.apply(i);
            slots.acquire();
            pending.add(send(r, 1, retried).whenComplete((response, error) -> {
                slots.release();
                if (error != null) {
                    failure.compareAndSet(null, r[0] + " " + r[1] + ": " + error);
                } else if (response.statusCode() / 100 != 2) {
                    failure.compareAndSet(null, r[0] + " " + r[1] + " -> " + response.statusCode() + " " + response.body());
                }
                int n = done.incrementAndGet();
                if (n % 20000 == 0) {
                    System.out.printf("  %s: %d/%d%n", what, n, count);
                }
            }));
            if (pending.size() >= 4096) {
                pending.removeIf(CompletableFuture::isDone);
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        if (failure.get() != null) {
            throw new IllegalStateException("creating " + what + " failed: " + failure.get());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("  %d %s in %.1f s (%.0f/s)%s%n", count, what, seconds, count / seconds,
                retried.get() > 0 ? ", " + retried.get() + " retried after a 5xx" : "");
    }

    private static CompletableFuture<HttpResponse<String>> send(String[] r, int attempt, AtomicInteger retried) {
        return HTTP.sendAsync(request(r[0], r[1], r[2]), HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
            if (response.statusCode() / 100 == 5 && attempt < MAX_ATTEMPTS) {
                retried.incrementAndGet();
                return CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 20L * Math.min(attempt, 10)),
                                java.util.concurrent.TimeUnit.MILLISECONDS))
                        .thenCompose(ignored -> send(r, attempt + 1, retried));
            }
            if (response.statusCode() == 409 && attempt > 1) {
                return CompletableFuture.completedFuture(new Accepted(response));
            }
            return CompletableFuture.completedFuture(response);
        });
    }

    /** A 409 after a retried 5xx: the first attempt's write committed after all. */
    private record Accepted(HttpResponse<String> inner) implements HttpResponse<String> {
        public int statusCode() { return 200; }
        public HttpRequest request() { return inner.request(); }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return inner.previousResponse(); }
        public java.net.http.HttpHeaders headers() { return inner.headers(); }
        public String body() { return inner.body(); }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return inner.sslSession(); }
        public URI uri() { return inner.uri(); }
        public HttpClient.Version version() { return inner.version(); }
    }
}
