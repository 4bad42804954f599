package io.gatehouse.model;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Kong route as the proxy sees it. Lists are never null (empty means "not set"),
 * so the router does not have to tell null from empty.
 */
public record Route(
        UUID id,
        String name,
        List<String> protocols,
        List<String> methods,
        List<String> hosts,
        List<String> paths,
        Map<String, List<String>> headers,
        List<String> snis,
        int httpsRedirectStatusCode,
        int regexPriority,
        boolean stripPath,
        boolean preserveHost,
        boolean requestBuffering,
        boolean responseBuffering,
        String pathHandling,
        UUID serviceId,
        List<String> tags,
        long createdAt) {
}
