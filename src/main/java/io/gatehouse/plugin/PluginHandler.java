package io.gatehouse.plugin;

/**
 * Kong's phases. Every method has a no-op default, so a handler implements only the phases
 * it needs. rewrite and access run on the container thread before the upstream call;
 * headerFilter runs when the upstream's status and headers are known; bodyFilter runs on each
 * response chunk; log runs after the response is complete, off the request thread.
 */
public interface PluginHandler<C> {

    default void rewrite(C config, Exchange exchange) {
    }

    default void access(C config, Exchange exchange) {
    }

    default void headerFilter(C config, Exchange exchange) {
    }

    /**
     * Kong's body_filter: sees the response body chunk by chunk as it streams to the client and
     * returns what to send instead ({@code chunk} itself to pass it on unchanged). {@code last}
     * is true for the final call, whose chunk may be empty. Runs only for plugins whose
     * {@link #filtersBody} is true, so responses of other routes stream untouched.
     */
    default byte[] bodyFilter(C config, Exchange exchange, byte[] chunk, boolean last) {
        return chunk;
    }

    /** True when this plugin's {@link #bodyFilter} must see the response body. */
    default boolean filtersBody(C config) {
        return false;
    }

    default void log(C config, Exchange exchange) {
    }

    /** True when the access phase must see the whole client request body (it is then buffered). */
    default boolean needsRequestBody(C config) {
        return false;
    }
}
