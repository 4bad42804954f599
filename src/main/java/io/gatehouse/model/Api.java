package io.gatehouse.model;

import java.util.List;
import java.util.UUID;

/** Kong 0.13's legacy `apis` entity: a route and its upstream in one row. */
public record Api(
        UUID id,
        String name,
        List<String> hosts,
        List<String> uris,
        List<String> methods,
        String upstreamUrl,
        boolean stripUri,
        boolean preserveHost,
        int retries,
        int upstreamConnectTimeout,
        int upstreamSendTimeout,
        int upstreamReadTimeout,
        boolean httpsOnly,
        boolean httpIfTerminated,
        long createdAtMillis) {
}
