package io.gatehouse.schema;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Kong's path normalisation: decode percent-escapes of unreserved characters, upper-case the
 * escapes that remain, resolve {@code .} and {@code ..} segments and merge repeated slashes.
 * Used to check that route paths are stored normalised; the proxy applies the same rules.
 */
public final class PathNormaliser {

    private PathNormaliser() {
    }

    public static String normalise(String path) {
        return removeDotSegments(decodeUnreserved(path)).replaceAll("/{2,}", "/");
    }

    static String decodeUnreserved(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()) {
                int high = Character.digit(path.charAt(i + 1), 16);
                int low = Character.digit(path.charAt(i + 2), 16);
                if (high >= 0 && low >= 0) {
                    char decoded = (char) (high * 16 + low);
                    if (isUnreserved(decoded)) {
                        out.append(decoded);
                    } else {
                        out.append('%').append(Character.toUpperCase(path.charAt(i + 1))).append(Character.toUpperCase(path.charAt(i + 2)));
                    }
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    static boolean isUnreserved(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** RFC 3986 section 5.2.4, keeping a trailing slash when the last segment was a dot segment. */
    static String removeDotSegments(String path) {
        if (!path.contains(".")) {
            return path;
        }
        Deque<String> output = new ArrayDeque<>();
        String[] segments = path.split("/", -1);
        boolean trailingSlash = false;
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".")) {
                trailingSlash = last;
            } else if (segment.equals("..")) {
                output.pollLast();
                trailingSlash = last;
            } else {
                output.addLast(segment);
                trailingSlash = false;
            }
        }
        StringBuilder result = new StringBuilder();
        for (String segment : output) {
            result.append('/').append(segment);
        }
        if (trailingSlash || result.length() == 0) {
            result.append('/');
        }
        return result.toString();
    }
}
