package io.gatehouse.proxy;

import java.util.List;
import java.util.Set;

/**
 * Hop-by-hop header handling (RFC 9110 §7.6.1): such fields describe one connection and must
 * not be forwarded. The fields a sender names in {@code Connection} are hop-by-hop too; that is
 * applied before the gateway adds its own headers, so a client cannot use it to strip them.
 */
final class HopByHop {

    /** Always connection-specific, in both directions. */
    private static final Set<String> ALWAYS = Set.of(
            "connection", "keep-alive", "proxy-connection", "proxy", "te", "trailer", "transfer-encoding", "upgrade");

    /**
     * Also dropped on the way up. Content-Length and Host are rebuilt by the client from the
     * entity and the route policy (copying them is how framing desyncs happen); Expect is
     * answered by Tomcat itself; Proxy-Authorization is meant for this proxy, not the upstream.
     */
    private static final Set<String> REQUEST_ONLY = Set.of("content-length", "host", "expect", "proxy-authorization");

    /** Identity headers only the gateway may set (DESIGN §8): clients must not spoof a consumer. */
    static final List<String> IDENTITY = List.of(
            "X-Consumer-ID", "X-Consumer-Custom-ID", "X-Consumer-Username", "X-Credential-Identifier", "X-Anonymous-Consumer");

    private HopByHop() {
    }

    /** A copy of the client's fields that may go upstream. */
    static HeaderList upstreamCopy(HeaderList client) {
        List<String> named = client.tokens("connection");
        HeaderList out = new HeaderList();
        for (HeaderList.Field field : client.fields()) {
            String lower = field.name().toLowerCase(java.util.Locale.ROOT);
            if (ALWAYS.contains(lower) || REQUEST_ONLY.contains(lower) || named.contains(lower)) {
                continue;
            }
            // Some upstream frameworks fold '_' into '-', which would turn X_Consumer_ID into an identity header.
            if (lower.indexOf('_') >= 0) {
                continue;
            }
            out.add(field.name(), field.value());
        }
        for (String identity : IDENTITY) {
            out.remove(identity);
        }
        return out;
    }

    /** Removes the upstream response's connection-specific fields in place. */
    static void stripResponse(HeaderList upstream) {
        List<String> named = upstream.tokens("connection");
        upstream.fields().removeIf(field -> {
            String lower = field.name().toLowerCase(java.util.Locale.ROOT);
            return ALWAYS.contains(lower) || named.contains(lower) || lower.equals("proxy-authenticate")
                    || lower.equals("content-length");
        });
    }
}
