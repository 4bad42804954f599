package io.gatehouse.proxy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Gateway-generated error bodies with Kong's texts (§3.7). Two families differ only in their
 * default format: errors the router and plugins raise ({@code kong.response.error}) default
 * to JSON; errors of the HTTP layer (limits, upstream failures) look at Content-Type next and
 * then default to text/plain.
 */
final class ErrorResponses {

    static final String NO_ROUTE = "no Route matched with those values";
    static final String NO_ROUTE_LEGACY = "no route and no API found with those values";
    static final String NO_SERVICE = "no Service found with those values";
    static final String NAME_RESOLUTION_FAILED = "name resolution failed";
    static final String HEADER_TOO_LARGE = "Request header or cookie too large";

    private static final Map<Integer, String> LAYER_MESSAGES = Map.ofEntries(
            Map.entry(400, "Bad request"),
            Map.entry(404, "Not found"),
            Map.entry(405, "Method not allowed"),
            Map.entry(408, "Request timeout"),
            Map.entry(411, "Length required"),
            Map.entry(412, "Precondition failed"),
            Map.entry(413, "Payload too large"),
            Map.entry(414, "URI too long"),
            Map.entry(417, "Expectation failed"),
            Map.entry(500, "An unexpected error occurred"),
            Map.entry(502, "An invalid response was received from the upstream server"),
            Map.entry(503, "The upstream server is currently unavailable"),
            Map.entry(504, "The upstream server is timing out"));

    /** A rendered body and its media type (without charset). */
    record Rendered(int status, String mediaType, byte[] body) {
        String contentType() {
            return mediaType + "; charset=utf-8";
        }
    }

    private ErrorResponses() {
    }

    static String layerMessage(int status) {
        return LAYER_MESSAGES.getOrDefault(status, "An unexpected error occurred");
    }

    /** Kong's {@code kong.response.error}: JSON unless Accept asks otherwise. */
    static Rendered kongError(int status, String message, String requestId, String accept, boolean legacy) {
        if (legacy) {
            return new Rendered(status, "application/json", ("{\"message\":\"" + jsonEscape(message) + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return render(status, message, requestId, mediaType(accept, "application/json"));
    }

    /** Kong's error handler for HTTP-layer errors: Accept, then Content-Type, then text/plain. */
    static Rendered layerError(int status, String message, String requestId, String accept, String contentType, boolean legacy) {
        String text = message != null ? message : layerMessage(status);
        if (legacy) {
            return kongError(status, text, requestId, accept, true);
        }
        String type = mediaType(accept, null);
        if (type == null) {
            type = mediaType(contentType, "text/plain");
        }
        return render(status, text, requestId, type);
    }

    private static Rendered render(int status, String message, String requestId, String type) {
        String body = switch (type) {
            case "text/plain" -> message + "\nrequest_id: " + requestId + "\n";
            case "text/html" -> "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n"
                    + "<body>\n<h1>Error</h1>\n<p>" + markupEscape(message) + ".</p>\n<p>request_id: "
                    + markupEscape(requestId) + "</p>\n</body>\n</html>\n";
            case "application/xml" -> "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<error>\n  <message>"
                    + markupEscape(message) + "</message>\n  <requestid>" + markupEscape(requestId) + "</requestid>\n</error>\n";
            default -> "{\n  \"message\":\"" + jsonEscape(message) + "\",\n  \"request_id\":\"" + requestId + "\"\n}";
        };
        return new Rendered(status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The supported type the header prefers (highest q, first on ties); {@code fallback} when it
     * names none of them or only wildcards.
     */
    static String mediaType(String header, String fallback) {
        if (header == null || header.isBlank()) {
            return fallback;
        }
        String best = null;
        double bestQ = 0;
        for (String part : header.split(",")) {
            String[] params = part.split(";");
            String type = params[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < params.length; i++) {
                String param = params[i].trim();
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            String supported = switch (type) {
                case "application/json", "text/plain", "text/html", "application/xml" -> type;
                case "text/xml" -> "application/xml";
                default -> null;
            };
            if (supported != null && q > bestQ) {
                best = supported;
                bestQ = q;
            }
        }
        return best != null ? best : fallback;
    }

    static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String markupEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
