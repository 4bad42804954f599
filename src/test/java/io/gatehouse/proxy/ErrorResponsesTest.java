package io.gatehouse.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

    private static String body(ErrorResponses.Rendered rendered) {
        return new String(rendered.body(), StandardCharsets.UTF_8);
    }

    @Test
    void kongErrorsDefaultToJson() {
        ErrorResponses.Rendered r = ErrorResponses.kongError(404, ErrorResponses.NO_ROUTE, "abc", "*/*", false);
        assertEquals("application/json; charset=utf-8", r.contentType());
        assertEquals("{\n  \"message\":\"no Route matched with those values\",\n  \"request_id\":\"abc\"\n}", body(r));
    }

    @Test
    void layerErrorsDefaultToPlainTextAfterContentType() {
        assertEquals("The upstream server is timing out\nrequest_id: id\n",
                body(ErrorResponses.layerError(504, null, "id", null, null, false)));
        assertEquals("application/json", ErrorResponses.layerError(502, null, "id", null, "application/json", false).mediaType());
        assertEquals("text/html", ErrorResponses.layerError(502, null, "id", "text/html", "application/json", false).mediaType());
    }

    @Test
    void acceptPicksTheHighestQualitySupportedType() {
        assertEquals("application/xml", ErrorResponses.mediaType("text/plain;q=0.2, application/xml", "x"));
        assertEquals("x", ErrorResponses.mediaType("image/png", "x"));
    }

    @Test
    void legacyModeUsesTheBareMessage() {
        assertEquals("{\"message\":\"no route and no API found with those values\"}",
                body(ErrorResponses.kongError(404, ErrorResponses.NO_ROUTE_LEGACY, "id", null, true)));
    }
}
