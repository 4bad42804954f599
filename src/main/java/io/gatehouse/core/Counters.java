package io.gatehouse.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Request counters reported by {@code GET /status}, in Kong's {@code server} shape. */
public final class Counters {

    private final LongAdder total = new LongAdder();
    private final LongAdder active = new LongAdder();

    public void started() {
        total.increment();
        active.increment();
    }

    public void finished() {
        active.decrement();
    }

    public Map<String, Object> snapshot() {
        long totalRequests = total.sum();
        long inFlight = active.sum();
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("connections_active", inFlight);
        server.put("connections_reading", 0);
        server.put("connections_writing", inFlight);
        server.put("connections_waiting", 0);
        server.put("connections_accepted", totalRequests);
        server.put("connections_handled", totalRequests);
        server.put("total_requests", totalRequests);
        return server;
    }
}
