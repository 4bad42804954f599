package io.gatehouse.plugin;

/**
 * Kong's phases. Every method has a no-op default, so a handler implements only the phases
 * it needs. rewrite and access run on the container thread before the upstream call;
 * headerFilter runs when the upstream's status and headers are known; log runs after the
 * response is complete, off the request thread.
 */
public interface PluginHandler<C> {

    default void rewrite(C config, Exchange exchange) {
    }

    default void access(C config, Exchange exchange) {
    }

    default void headerFilter(C config, Exchange exchange) {
    }

    default void log(C config, Exchange exchange) {
    }

    /** True when the access phase must see the whole client request body (it is then buffered). */
    default boolean needsRequestBody(C config) {
        return false;
    }
}
