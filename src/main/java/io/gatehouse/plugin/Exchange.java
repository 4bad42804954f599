package io.gatehouse.plugin;

import io.gatehouse.model.Consumer;
import io.gatehouse.snapshot.ConfigSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a plugin sees of one proxied request. Deliberately small and free of servlet types,
 * so plugins can be unit-tested and the proxy can change its I/O model without touching them.
 */
public interface Exchange {

    /** The request as the client sent it (after path normalisation). */
    ClientRequest request();

    /** The request that will be sent upstream; plugins may change its headers and query. */
    UpstreamRequest upstreamRequest();

    /** The response that will be sent to the client; meaningful from header_filter on. */
    ProxyResponse response();

    /** The snapshot this request is served from. */
    ConfigSnapshot snapshot();

    /** The consumer authenticated so far, if any. */
    Optional<Consumer> consumer();

    /**
     * Records the authenticated consumer and credential, as Kong's
     * {@code kong.client.authenticate}. {@code credentialIdentifier} is what goes into
     * {@code X-Credential-Identifier}; null for the anonymous consumer.
     */
    void authenticate(Consumer consumer, String credentialIdentifier);

    /** The identifier of the authenticated credential, if any. */
    Optional<String> credentialIdentifier();

    /** Per-request storage shared by plugins (Kong's {@code kong.ctx.shared}). */
    Map<String, Object> context();

    /**
     * Ends the request here with a gateway-generated response (Kong's {@code kong.response.exit}).
     * A map body is rendered as JSON; a string body is sent as is. Later access plugins do not run.
     */
    void exit(int status, Object body, Map<String, String> headers);

    default void exit(int status, Object body) {
        exit(status, body, Map.of());
    }

    /**
     * Ends the request with a gateway error (Kong's {@code kong.response.error}): the message is
     * rendered in the format the client's Accept header asks for, with the request id.
     */
    default void error(int status, String message, Map<String, String> headers) {
        exit(status, Map.of("message", message), headers);
    }

    boolean exited();

    interface ClientRequest {
        String method();

        /** Normalised path, as routed. */
        String path();

        /** Raw query string without '?', or null. */
        String rawQuery();

        /** Decoded query arguments, in order. */
        Map<String, List<String>> queryArgs();

        /** Case-insensitive header lookup: the first value, or null. */
        String header(String name);

        List<String> headers(String name);

        String scheme();

        String remoteAddress();

        /** The buffered body, or null when no plugin asked for it. */
        byte[] body();

        String contentType();
    }

    interface UpstreamRequest {
        void setHeader(String name, String value);

        void removeHeader(String name);

        String header(String name);

        /** Replaces the raw query string sent upstream (without '?'); null removes it. */
        void setRawQuery(String rawQuery);

        String rawQuery();

        /** Replaces the buffered body sent upstream. Only valid when the body was buffered. */
        void setBody(byte[] body);
    }

    interface ProxyResponse {
        int status();

        String header(String name);

        void setHeader(String name, String value);

        void removeHeader(String name);
    }
}
