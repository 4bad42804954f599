package io.gatehouse.schema;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Kong's reusable field rules ({@code kong/db/schema/typedefs.lua}), with Kong's messages. */
public final class Rules {

    private static final Pattern NAME_ASCII = Pattern.compile("[A-Za-z0-9.\\-_~]");
    private static final Pattern HOSTNAME =
            Pattern.compile("^(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?$");
    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
    private static final Pattern HEADER_NAME = Pattern.compile("^[A-Za-z0-9!#$%&'*+\\-.^_`|~]+$");
    private static final Pattern UPPERCASE = Pattern.compile("^[A-Z]+$");
    private static final Pattern RFC3986_PATH = Pattern.compile("^[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]*$");

    private Rules() {
    }

    /** Kong's utf8_name: ASCII alphanumerics and {@code . - _ ~}, or any non-ASCII character. */
    public static final Function<Object, String> UTF8_NAME = value -> {
        String text = (String) value;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128 && !NAME_ASCII.matcher(String.valueOf(c)).matches()) {
                return "invalid value '" + text + "': the only accepted ascii characters are alphanumerics or ., -, _, and ~";
            }
        }
        return null;
    };

    public static final Function<Object, String> TAG = value -> {
        String tag = (String) value;
        if (tag.isEmpty() || tag.contains(",") || tag.contains("/") || tag.chars().anyMatch(c -> c < 32 || c == 127)) {
            return "invalid tag '" + tag + "': expected printable ascii (except `,` and `/`) or valid utf-8 sequences";
        }
        return null;
    };

    /** A service's host: a hostname or an IP address, without a port. */
    public static final Function<Object, String> HOST = value -> {
        String host = (String) value;
        if (host.startsWith("[") && host.endsWith("]") || host.contains(":") && host.indexOf(':') != host.lastIndexOf(':')) {
            return null; // IPv6 literal
        }
        if (host.contains(":")) {
            return "must not have a port";
        }
        return isHostname(host) ? null : "invalid value: " + host;
    };

    /** A path that must start with {@code /}, with no empty segments and valid escapes. */
    public static final Function<Object, String> PATH = value -> {
        String path = (String) value;
        if (!path.startsWith("/")) {
            return "should start with: /";
        }
        if (path.contains("//")) {
            return "must not have empty segments";
        }
        if (!RFC3986_PATH.matcher(path).matches()) {
            return "invalid path: '" + path + "' (characters outside of the reserved list of RFC 3986 found)";
        }
        String escapes = invalidEscape(path);
        return escapes;
    };

    public static final Function<Object, String> HEADER_NAME_RULE =
            value -> HEADER_NAME.matcher((String) value).matches() ? null : "bad header name '" + value + "', allowed characters are A-Z, a-z, 0-9, '_', and '-'";

    public static final Function<Object, String> HTTP_METHOD =
            value -> UPPERCASE.matcher((String) value).matches() ? null : "invalid value: " + value;

    /** A route host: hostname with an optional port and at most one leading or trailing wildcard. */
    public static final Function<Object, String> ROUTE_HOST = value -> {
        String host = (String) value;
        String withoutPort = host;
        int colon = host.lastIndexOf(':');
        if (colon > 0 && !host.endsWith("]") && host.indexOf(':') == colon) {
            String port = host.substring(colon + 1);
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
                return "invalid port number";
            }
            withoutPort = host.substring(0, colon);
        }
        long stars = withoutPort.chars().filter(c -> c == '*').count();
        if (stars > 1) {
            return "only one wildcard must be specified";
        }
        if (stars == 1) {
            if (!(withoutPort.startsWith("*.") || withoutPort.endsWith(".*"))) {
                return "wildcard must be leftmost or rightmost character";
            }
            String rest = withoutPort.startsWith("*.") ? withoutPort.substring(2) : withoutPort.substring(0, withoutPort.length() - 2);
            return isHostname(rest) && !IPV4.matcher(rest).matches() ? null : "invalid hostname: " + host;
        }
        return isHostname(withoutPort) || withoutPort.startsWith("[") ? null : "invalid hostname: " + host;
    };

    /** A route path: a normalised prefix starting with {@code /}, or a regex starting with {@code ~/}. */
    public static final Function<Object, String> ROUTE_PATH = value -> {
        String path = (String) value;
        if (path.startsWith("~")) {
            String regex = path.substring(1);
            if (!regex.startsWith("/")) {
                return "should start with: / (fixed path) or ~/ (regex path)";
            }
            try {
                Pattern.compile(regex);
                return null;
            } catch (PatternSyntaxException e) {
                return "invalid regex: '" + regex + "' (PCRE returned: " + e.getDescription() + ")";
            }
        }
        if (!path.startsWith("/")) {
            return "should start with: / (fixed path) or ~/ (regex path)";
        }
        if (path.contains("//")) {
            return "must not have empty segments";
        }
        String escapes = invalidEscape(path);
        if (escapes != null) {
            return escapes;
        }
        String normalised = PathNormaliser.normalise(path);
        if (!normalised.equals(path)) {
            return "non-normalized path, consider use '" + normalised + "' instead";
        }
        return null;
    };

    public static boolean isHostname(String host) {
        if (IPV4.matcher(host).matches()) {
            return host.chars().allMatch(c -> c == '.' || Character.isDigit(c))
                    && java.util.Arrays.stream(host.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        }
        return HOSTNAME.matcher(host).matches();
    }

    private static String invalidEscape(String path) {
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '%') {
                if (i + 2 >= path.length() || !isHex(path.charAt(i + 1)) || !isHex(path.charAt(i + 2))) {
                    String bad = path.substring(i, Math.min(path.length(), i + 3));
                    return "invalid url-encoded value: '" + bad + "'";
                }
            }
        }
        return null;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** True when the value is null, an empty list or an empty map: Kong's "not set". */
    public static boolean isEmpty(Object value) {
        return value == null
                || value instanceof List<?> list && list.isEmpty()
                || value instanceof Map<?, ?> map && map.isEmpty();
    }
}
