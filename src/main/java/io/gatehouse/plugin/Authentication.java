package io.gatehouse.plugin;

import io.gatehouse.model.Consumer;
import java.util.Map;

/** What every auth plugin does the same way (Kong's common auth behaviour). */
public final class Authentication {

    private Authentication() {
    }

    /**
     * With {@code anonymous} configured, an auth plugin steps aside when an earlier one already
     * identified a credential: that makes several auth plugins a logical OR.
     */
    public static boolean skipBecauseAlreadyAuthenticated(Exchange exchange, String anonymous) {
        return anonymous != null && exchange.credentialIdentifier().isPresent();
    }

    /**
     * Rejects the request, or, when {@code anonymous} names a consumer, lets it through as that
     * consumer (sent upstream with {@code X-Anonymous-Consumer: true}).
     */
    public static void reject(Exchange exchange, String anonymous, String message, String wwwAuthenticate) {
        if (anonymous != null) {
            Consumer consumer = exchange.snapshot().consumer(anonymous);
            if (consumer == null) {
                exchange.error(500, "anonymous consumer " + anonymous + " is configured but doesn't exist", Map.of());
                return;
            }
            exchange.authenticate(consumer, null);
            return;
        }
        exchange.error(401, message, wwwAuthenticate == null ? Map.of() : Map.of("WWW-Authenticate", wwwAuthenticate));
    }
}
