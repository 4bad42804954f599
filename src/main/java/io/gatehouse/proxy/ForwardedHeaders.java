package io.gatehouse.proxy;

import io.gatehouse.core.Gatehouse;

/**
 * Kong's upstream {@code X-Forwarded-*}, {@code X-Real-IP} and {@code Via} fields (§3.5).
 * A client's own X-Forwarded values survive only when its peer address is trusted;
 * X-Forwarded-For is the exception and is always appended to, as Kong does.
 */
final class ForwardedHeaders {

    /** What the gateway knows about the client connection. */
    record Inbound(ClientAddress address, String scheme, String host, int port, String rawPath, String protocol) {
    }

    private ForwardedHeaders() {
    }

    /**
     * @param client the client's headers as received
     * @param upstream the headers going upstream; hop-by-hop fields already removed
     * @param strippedPrefix the prefix strip_path removed, or null
     */
    static void apply(HeaderList client, HeaderList upstream, Inbound in, String strippedPrefix) {
        boolean trusted = in.address().trusted();
        String clientXff = joined(client, "X-Forwarded-For");
        upstream.set("X-Forwarded-For", clientXff == null ? in.address().realIp() : clientXff + ", " + in.address().peer());
        upstream.set("X-Forwarded-Proto", trustedOr(trusted, client, "X-Forwarded-Proto", in.scheme()));
        upstream.set("X-Forwarded-Host", trustedOr(trusted, client, "X-Forwarded-Host", in.host()));
        upstream.set("X-Forwarded-Port", trustedOr(trusted, client, "X-Forwarded-Port", Integer.toString(in.port())));
        upstream.set("X-Forwarded-Path", trustedOr(trusted, client, "X-Forwarded-Path", in.rawPath()));
        String prefix = strippedPrefix != null && !strippedPrefix.equals("/") ? strippedPrefix : null;
        upstream.set("X-Forwarded-Prefix", trustedOr(trusted, client, "X-Forwarded-Prefix", prefix));
        upstream.set("X-Real-IP", in.address().realIp());
        upstream.set("Via", appendVia(joined(client, "Via"), viaVersion(in.protocol())));
    }

    /** {@code <previous>, <version> gatehouse/x.y.z}. */
    static String appendVia(String previous, String version) {
        String ours = version + " " + Gatehouse.PRODUCT;
        return previous == null || previous.isBlank() ? ours : previous + ", " + ours;
    }

    /** "HTTP/1.1" becomes "1.1", "HTTP/2.0" becomes "2", as Via uses the protocol version only. */
    static String viaVersion(String protocol) {
        if (protocol == null || !protocol.startsWith("HTTP/")) {
            return "1.1";
        }
        String version = protocol.substring(5);
        return version.equals("2.0") ? "2" : version;
    }

    private static String trustedOr(boolean trusted, HeaderList client, String name, String fallback) {
        if (trusted) {
            String value = client.first(name);
            if (value != null) {
                return value;
            }
        }
        return fallback;
    }

    private static String joined(HeaderList headers, String name) {
        java.util.List<String> values = headers.all(name);
        return values.isEmpty() ? null : String.join(", ", values);
    }
}
