package io.gatehouse.proxy;

import java.util.Locale;

/**
 * One entry of a route's {@code hosts}: exact, {@code *.suffix}, or {@code prefix.*}, with an
 * optional {@code :port} that must equal the port the request arrived on.
 */
record HostPattern(Kind kind, String value, int port) {

    enum Kind { EXACT, SUFFIX, PREFIX }

    static HostPattern parse(String spec) {
        String host = spec.trim().toLowerCase(Locale.ROOT);
        int port = -1;
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(']') < colon && host.substring(colon + 1).chars().allMatch(Character::isDigit)
                && colon + 1 < host.length()) {
            port = Integer.parseInt(host.substring(colon + 1));
            host = host.substring(0, colon);
        }
        if (host.startsWith("*.")) {
            return new HostPattern(Kind.SUFFIX, host.substring(1), port);
        }
        if (host.endsWith(".*")) {
            return new HostPattern(Kind.PREFIX, host.substring(0, host.length() - 1), port);
        }
        return new HostPattern(Kind.EXACT, host, port);
    }

    boolean matches(String requestHost, int requestPort) {
        if (requestHost == null || (port >= 0 && port != requestPort)) {
            return false;
        }
        return switch (kind) {
            case EXACT -> requestHost.equals(value);
            case SUFFIX -> requestHost.length() > value.length() && requestHost.endsWith(value);
            case PREFIX -> requestHost.length() > value.length() && requestHost.startsWith(value);
        };
    }
}
