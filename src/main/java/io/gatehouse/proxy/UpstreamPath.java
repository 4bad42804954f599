package io.gatehouse.proxy;

/**
 * Builds the upstream path the way Kong's {@code path_handling = v0} does (the only mode the
 * {@code traditional_compatible} router uses). The branches look arbitrary but each one is
 * observable by clients, so they follow Kong's table case by case rather than a cleaner rule.
 */
public final class UpstreamPath {

    private UpstreamPath() {
    }

    /**
     * @param servicePath the service path, or null
     * @param requestPath the normalised request path
     * @param strippedPrefix what the route matched, when strip_path is on; null otherwise
     */
    public static String build(String servicePath, String requestPath, String strippedPrefix) {
        String base = servicePath == null || servicePath.isEmpty() ? "/" : servicePath;
        boolean requestEndsWithSlash = requestPath.length() > 1 && requestPath.endsWith("/");
        if (strippedPrefix == null) {
            if (base.endsWith("/")) {
                return base + requestPath.substring(1);
            }
            return requestPath.equals("/") ? base : base + requestPath;
        }
        String postfix = requestPath.substring(Math.min(strippedPrefix.length(), requestPath.length()));
        if (postfix.startsWith("./")) {
            postfix = postfix.substring(2);
        } else if (postfix.startsWith("../")) {
            postfix = postfix.substring(3);
        }
        if (base.endsWith("/")) {
            if (postfix.isEmpty()) {
                if (base.equals("/")) {
                    return "/";
                }
                return requestEndsWithSlash ? base : base.substring(0, base.length() - 1);
            }
            if (postfix.startsWith("/")) {
                return base.substring(0, base.length() - 1) + postfix;
            }
            return base + postfix;
        }
        if (postfix.isEmpty()) {
            return requestEndsWithSlash ? base + "/" : base;
        }
        if (postfix.startsWith("/")) {
            return base + postfix;
        }
        return base + "/" + postfix;
    }
}
