package io.gatehouse.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The console port until the Faces console lands: says so plainly instead of proxying. */
final class Console {

    private Console() {
    }

    static void notYetAvailable(HttpServletResponse response) throws IOException {
        JsonReply.message(response, 503, "The Gatehouse console is not available in this version");
    }
}
