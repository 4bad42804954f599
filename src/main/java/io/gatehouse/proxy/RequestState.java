package io.gatehouse.proxy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One request as it moves through the engine: the servlet pair (kept here, never handed to
 * plugins), the plugins' exchange and runner, and what error rendering needs.
 */
record RequestState(
        HttpServletRequest clientRequest,
        HttpServletResponse clientResponse,
        ProxyExchange exchange,
        PluginRunner runner,
        String requestId,
        long startNanos,
        String method,
        String accept,
        String contentType,
        boolean sendsEmptyBody) {
}
