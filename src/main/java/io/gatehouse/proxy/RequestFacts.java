package io.gatehouse.proxy;

/**
 * What the router looks at.
 *
 * @param host the Host header without its port, lower-cased and without a trailing dot; null if absent
 * @param port the port the request arrived on (route hosts written {@code host:port} check it)
 * @param path the normalised path
 * @param scheme {@code http} or {@code https} as seen by the gateway
 */
public record RequestFacts(String method, String host, int port, String path, String scheme, HeaderList headers) {
}
