package io.gatehouse.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The console port until the Faces console lands: says so plainly instead of proxying. */
final class Console {

    private Console() {
    }

    static void notYetAvailable(HttpServletResponse response) throws IOException {
        byte[] body = "{\"message\":\"The Gatehouse console is not available in this version\"}"
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(503);
        response.setContentType("application/json; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
