package io.gatehouse.it.proxy.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Samples Tomcat's heap use through the Admin API ({@code GET /status} →
 * {@code memory.heap_used_bytes}) on a background thread while a test runs.
 */
public final class HeapMonitor implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int ADMIN_PORT = Integer.getInteger("it.admin.port", 18001);

    private final List<Long> samples = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;

    private HeapMonitor(long intervalMillis) {
        thread = new Thread(() -> {
            while (running) {
                try {
                    samples.add(heapUsed());
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // a missed sample is not a failure
                }
            }
        }, "heap-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts sampling every {@code intervalMillis}. */
    public static HeapMonitor start(long intervalMillis) {
        return new HeapMonitor(intervalMillis);
    }

    /** One reading of the gateway's used heap, in bytes. */
    public static long heapUsed() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ADMIN_PORT + "/status"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return MAPPER.readTree(r.body()).path("memory").path("heap_used_bytes").asLong(-1);
        } catch (Exception e) {
            throw new IllegalStateException("GET /status failed", e);
        }
    }

    public List<Long> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    public long max() {
        return samples().stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
