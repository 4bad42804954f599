package io.gatehouse.web;

import io.gatehouse.core.Gatehouse;
import io.gatehouse.core.Setting;
import io.gatehouse.core.Settings;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Decides each request's role from the port it arrived on: proxy, Admin API or console.
 * On a port that is in none of the lists (a stock single-connector Tomcat), reserved path
 * prefixes pick the Admin API and the console, and everything else is proxied.
 *
 * <p>The Admin API servlet is mapped under an internal path that is reachable only through
 * this filter's forward: a proxy-port request for that path is proxied like any other.
 */
public final class RoleFilter implements Filter {

    /** Internal mapping of the Jersey servlet; never exposed directly. */
    public static final String ADMIN_MOUNT = "/.gatehouse-admin";

    private List<Integer> proxyPorts;
    private List<Integer> adminPorts;
    private List<Integer> consolePorts;
    private String adminPrefix;
    private String consolePrefix;

    @Override
    public void init(FilterConfig filterConfig) {
        Settings settings = Gatehouse.from(filterConfig.getServletContext()).settings();
        proxyPorts = settings.getPorts(Setting.PROXY_PORTS);
        adminPorts = settings.getPorts(Setting.ADMIN_PORTS);
        consolePorts = settings.getPorts(Setting.CONSOLE_PORTS);
        adminPrefix = trimSlash(settings.get(Setting.ADMIN_PREFIX));
        consolePrefix = trimSlash(settings.get(Setting.CONSOLE_PREFIX));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest clientRequest = (HttpServletRequest) request;
        HttpServletResponse clientResponse = (HttpServletResponse) response;
        Gatehouse gatehouse = Gatehouse.from(request.getServletContext());
        int port = clientRequest.getLocalPort();
        String path = pathWithinApplication(clientRequest);

        gatehouse.counters().started();
        try {
            dispatch(gatehouse, clientRequest, clientResponse, port, path);
        } finally {
            gatehouse.counters().finished();
        }
    }

    private void dispatch(Gatehouse gatehouse, HttpServletRequest clientRequest, HttpServletResponse clientResponse,
                          int port, String path) throws IOException, ServletException {
        if (proxyPorts.contains(port)) {
            gatehouse.proxy().handle(clientRequest, clientResponse);
        } else if (adminPorts.contains(port)) {
            forwardToAdmin(clientRequest, clientResponse, path);
        } else if (consolePorts.contains(port)) {
            Console.notYetAvailable(clientResponse);
        } else if (hasPrefix(path, adminPrefix)) {
            forwardToAdmin(clientRequest, clientResponse, path.substring(adminPrefix.length()));
        } else if (hasPrefix(path, consolePrefix)) {
            Console.notYetAvailable(clientResponse);
        } else {
            gatehouse.proxy().handle(clientRequest, clientResponse);
        }
    }

    private static void forwardToAdmin(HttpServletRequest request, HttpServletResponse response, String path)
            throws IOException, ServletException {
        // Kong refuses an ambiguous body type outright; Jersey would fail on it with an empty 400.
        if (java.util.Collections.list(request.getHeaders("Content-Type")).size() > 1) {
            JsonReply.message(response, 400, "Multiple Content-Type headers not allowed");
            return;
        }
        String target = ADMIN_MOUNT + (path.isEmpty() ? "/" : path);
        request.getRequestDispatcher(target).forward(request, response);
    }

    /** The still-encoded request path without the context path. */
    private static String pathWithinApplication(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        return uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
    }

    private static boolean hasPrefix(String path, String prefix) {
        return !prefix.isEmpty() && (path.equals(prefix) || path.startsWith(prefix + "/"));
    }

    private static String trimSlash(String prefix) {
        String trimmed = prefix.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
