package io.gatehouse.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Normalises the raw request path once, so that routing, plugins and the upstream all see
 * the same path (Kong 2.3.2+, after the route-bypass advisories).
 *
 * <p>Kong's rules: percent-escapes are decoded except those of reserved characters
 * ({@code !*'();:@&=+$,/?%#[]}), which stay escaped with upper-case hex; dot segments are
 * resolved and runs of slashes merged. On top of that a segment such as {@code ..;x} counts
 * as a dot segment, because Tomcat and other servlet upstreams strip {@code ;} parameters
 * before resolving dots: leaving it alone would let {@code /public/..;/private} reach
 * {@code /private} upstream while being routed (and authorised) as {@code /public}.
 */
public final class PathNormalizer {

    private static final String RESERVED = "!*'();:@&=+$,/?%#[]";
    /** Characters that may appear unescaped in a URI path (RFC 3986 pchar, plus '/' and '%'). */
    private static final boolean[] PATH_SAFE = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            PATH_SAFE[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            PATH_SAFE[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            PATH_SAFE[c] = true;
        }
        for (char c : "-._~!$&'()*+,;=:@/%".toCharArray()) {
            PATH_SAFE[c] = true;
        }
    }

    private PathNormalizer() {
    }

    /** The routing form of a raw path (no query string). */
    public static String normalize(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        String decoded = rawPath.indexOf('%') >= 0 ? decode(rawPath) : rawPath;
        return resolveSegments(decoded.charAt(0) == '/' ? decoded : "/" + decoded);
    }

    /** Re-escapes a normalised path for the wire; reserved escapes are already in place. */
    public static String escapeForUpstream(String path) {
        StringBuilder out = null;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 128 && PATH_SAFE[c]) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(path.length() + 16).append(path, 0, i);
            }
            int end = i + 1;
            if (Character.isHighSurrogate(c) && end < path.length()) {
                end++;
            }
            for (byte b : path.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                appendEscape(out, b & 0xff);
            }
            i = end - 1;
        }
        return out == null ? path : out.toString();
    }

    private static String decode(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c != '%' || !isEscape(raw, i)) {
                out.append(c);
                i++;
                continue;
            }
            // Collect a run of escapes: multi-byte UTF-8 characters span several of them.
            ByteArrayOutputStream run = new ByteArrayOutputStream();
            while (i < raw.length() && raw.charAt(i) == '%' && isEscape(raw, i)) {
                run.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 3;
            }
            appendDecodedRun(out, run.toByteArray());
        }
        return out.toString();
    }

    private static void appendDecodedRun(StringBuilder out, byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                if (RESERVED.indexOf(b) >= 0) {
                    appendEscape(out, b);
                } else {
                    out.append((char) b);
                }
                i++;
                continue;
            }
            int j = i;
            while (j < bytes.length && (bytes[j] & 0xff) >= 0x80) {
                j++;
            }
            String text = strictUtf8(bytes, i, j - i);
            if (text != null) {
                out.append(text);
            } else {
                // Not valid UTF-8: keep the bytes escaped rather than invent characters.
                for (int k = i; k < j; k++) {
                    appendEscape(out, bytes[k] & 0xff);
                }
            }
            i = j;
        }
    }

    private static String strictUtf8(byte[] bytes, int offset, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, offset, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String resolveSegments(String path) {
        Deque<String> kept = new ArrayDeque<>();
        boolean trailingSlash = false;
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String segment = path.substring(start, end);
            boolean last = end == path.length();
            String bare = withoutParameters(segment);
            if (segment.isEmpty()) {
                trailingSlash = last;
            } else if (bare.equals(".")) {
                trailingSlash = true;
            } else if (bare.equals("..")) {
                kept.pollLast();
                trailingSlash = true;
            } else {
                kept.addLast(segment);
                trailingSlash = false;
            }
            start = end + 1;
        }
        if (kept.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder(path.length());
        for (String segment : kept) {
            out.append('/').append(segment);
        }
        if (trailingSlash) {
            out.append('/');
        }
        return out.toString();
    }

    private static String withoutParameters(String segment) {
        int semicolon = segment.indexOf(';');
        return semicolon < 0 ? segment : segment.substring(0, semicolon);
    }

    private static boolean isEscape(String s, int at) {
        return at + 2 < s.length() && isHex(s.charAt(at + 1)) && isHex(s.charAt(at + 2));
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static void appendEscape(StringBuilder out, int b) {
        out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
    }
}
