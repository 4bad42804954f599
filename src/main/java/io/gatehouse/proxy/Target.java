package io.gatehouse.proxy;

import io.gatehouse.model.Api;
import io.gatehouse.model.Service;
import java.net.URI;

/**
 * Where and how a matched request goes: the service's (or legacy API's) scheme, host, port,
 * base path, retries and per-try timeouts in milliseconds.
 */
record Target(String scheme, String host, int port, String basePath, int retries,
        int connectTimeoutMs, int writeTimeoutMs, int readTimeoutMs) {

    static Target of(RouteMatch match) {
        if (match.api() != null) {
            return of(match.api());
        }
        Service s = match.service();
        if (s == null) {
            return null;
        }
        String scheme = s.protocol() != null && (s.protocol().equals("https") || s.protocol().equals("grpcs")) ? "https" : "http";
        return new Target(scheme, s.host(), s.port(), s.path(), s.retries(), s.connectTimeout(), s.writeTimeout(), s.readTimeout());
    }

    private static Target of(Api api) {
        URI url = URI.create(api.upstreamUrl());
        String scheme = "https".equalsIgnoreCase(url.getScheme()) ? "https" : "http";
        int port = url.getPort() > 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? null : url.getRawPath();
        return new Target(scheme, url.getHost(), port, path, api.retries(), api.upstreamConnectTimeout(),
                api.upstreamSendTimeout(), api.upstreamReadTimeout());
    }

    /** Host header without preserve_host: the port is added unless it is the scheme's default. */
    String hostHeader() {
        boolean standard = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String name = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return standard ? name : name + ":" + port;
    }
}
