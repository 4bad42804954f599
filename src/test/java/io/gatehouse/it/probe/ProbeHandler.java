package io.gatehouse.it.probe;

import io.gatehouse.plugin.Exchange;
import io.gatehouse.plugin.PluginHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Records the phases it runs in, in the per-request context: the upstream sees them in
 * {@code X-Probe-Phases}, the client in a response header, and the log collector in the log
 * record, together with the thread the log phase ran on.
 */
final class ProbeHandler implements PluginHandler<ProbeConfig> {

    private static final String PHASES = "exchange-probe.phases";
    private static final HttpClient LOG_CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @SuppressWarnings("unchecked")
    private static List<String> phases(Exchange exchange) {
        return (List<String>) exchange.context().computeIfAbsent(PHASES, ignored -> new ArrayList<String>());
    }

    @Override
    public void rewrite(ProbeConfig config, Exchange exchange) {
        phases(exchange).add("rewrite");
    }

    @Override
    public void access(ProbeConfig config, Exchange exchange) {
        phases(exchange).add("access");
        exchange.upstreamRequest().setHeader("X-Probe-Phases", String.join(",", phases(exchange)));
    }

    @Override
    public void headerFilter(ProbeConfig config, Exchange exchange) {
        phases(exchange).add("header_filter");
        exchange.response().setHeader("X-Probe-Phases", String.join(",", phases(exchange)));
    }

    @Override
    public boolean filtersBody(ProbeConfig config) {
        return config.upperCaseBody() || config.bodySuffix() != null;
    }

    @Override
    public byte[] bodyFilter(ProbeConfig config, Exchange exchange, byte[] chunk, boolean last) {
        String text = new String(chunk, StandardCharsets.UTF_8);
        if (config.upperCaseBody()) {
            text = text.toUpperCase(Locale.ROOT);
        }
        if (last) {
            phases(exchange).add("body_filter");
            if (config.bodySuffix() != null) {
                text = text + config.bodySuffix();
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void log(ProbeConfig config, Exchange exchange) {
        phases(exchange).add("log");
        if (config.logUrl() == null) {
            return;
        }
        try {
            Thread.sleep(config.logDelayMs());
            String consumer = exchange.consumer().map(c -> c.username()).orElse("");
            String record = "{\"path\":\"" + exchange.request().path() + "\",\"status\":" + exchange.response().status()
                    + ",\"consumer\":\"" + consumer + "\",\"phases\":\"" + String.join(",", phases(exchange))
                    + "\",\"thread\":\"" + Thread.currentThread().getName() + "\",\"upstream_latency\":\""
                    + exchange.response().header("X-Kong-Upstream-Latency") + "\"}";
            LOG_CLIENT.send(HttpRequest.newBuilder(URI.create(config.logUrl()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(record)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
