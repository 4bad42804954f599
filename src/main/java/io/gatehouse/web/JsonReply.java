package io.gatehouse.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Small JSON answers the filter gives itself, before any servlet is involved. */
final class JsonReply {

    private JsonReply() {
    }

    /** Sends {@code {"message": ...}}; the message is a fixed text of ours, not client input. */
    static void message(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        ResponseHeaders.setContentType(response, "application/json; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
