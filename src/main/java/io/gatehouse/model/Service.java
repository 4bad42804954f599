package io.gatehouse.model;

import java.util.List;
import java.util.UUID;

/** A Kong service as the proxy sees it: immutable, read from the configuration snapshot. */
public record Service(
        UUID id,
        String name,
        String protocol,
        String host,
        int port,
        String path,
        int retries,
        int connectTimeout,
        int writeTimeout,
        int readTimeout,
        boolean enabled,
        List<String> tags,
        long createdAt) {
}
