package io.gatehouse.proxy;

import io.gatehouse.model.Api;
import io.gatehouse.model.Route;
import io.gatehouse.model.Service;
import java.util.Map;

/**
 * The router's answer.
 *
 * @param route the matched route, or null when a legacy API matched
 * @param service the route's service; null for a service-less route (503) or an API
 * @param api the matched legacy API, or null
 * @param matchedPrefix the part of the path the route's path matched (for strip_path), or null when
 *     the route has no path
 * @param uriCaptures numbered and named regex captures, empty for prefix paths
 */
public record RouteMatch(Route route, Service service, Api api, String matchedPrefix, Map<String, String> uriCaptures) {

    public boolean stripPath() {
        return route != null ? route.stripPath() : api.stripUri();
    }

    public boolean preserveHost() {
        return route != null ? route.preserveHost() : api.preserveHost();
    }
}
