package io.gatehouse.admin;

import io.gatehouse.core.Gatehouse;
import io.gatehouse.core.Setting;
import io.gatehouse.core.Settings;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Admin API's security baseline: the admin token when one is configured, and refusal of
 * browser writes from origins outside the allow-list (curl and form posts send no Origin).
 * Also adds Kong's admin response headers.
 */
@PreMatching
public final class AdminGuard implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String STARTED = AdminGuard.class.getName() + ".started";

    @Context
    private ServletContext servletContext;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
        Settings settings = Gatehouse.from(servletContext).settings();
        String token = settings.get(Setting.ADMIN_TOKEN);
        if (!token.isEmpty() && !presented(request, token)) {
            request.abortWith(Responses.json(401, Map.of("message", "Unauthorized")));
            return;
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && WRITES.contains(request.getMethod())
                && !settings.getList(Setting.ADMIN_ORIGINS).contains(origin)) {
            request.abortWith(Responses.json(403, Map.of("message", "Origin '" + origin + "' is not allowed to change the configuration")));
        }
    }

    private static boolean presented(ContainerRequestContext request, String token) {
        String header = request.getHeaderString("Kong-Admin-Token");
        if (header == null) {
            String authorization = request.getHeaderString("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                header = authorization.substring(7).trim();
            }
        }
        return header != null && MessageDigest.isEqual(
                header.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        String origin = request.getHeaderString("Origin");
        List<String> allowed = Gatehouse.from(servletContext).settings().getList(Setting.ADMIN_ORIGINS);
        String allowOrigin = origin == null ? "*" : allowed.contains(origin) ? origin : allowed.isEmpty() ? null : allowed.get(0);
        if (allowOrigin != null) {
            headers.putSingle("Access-Control-Allow-Origin", allowOrigin);
            headers.putSingle("Access-Control-Allow-Credentials", "true");
        }
        headers.putSingle("Server", Gatehouse.PRODUCT);
        Object started = request.getProperty(STARTED);
        if (started instanceof Long nanos) {
            headers.putSingle("X-Kong-Admin-Latency", String.valueOf((System.nanoTime() - nanos) / 1_000_000));
        }
        if ("OPTIONS".equals(request.getMethod()) && response.getStatus() < 300) {
            Object allow = headers.getFirst("Allow");
            response.setStatus(204);
            response.setEntity(null);
            if (allow != null) {
                headers.putSingle("Access-Control-Allow-Methods", allow);
            }
            headers.putSingle("Access-Control-Allow-Headers", "Content-Type");
        }
    }
}
