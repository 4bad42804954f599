package io.gatehouse.plugins.basicauth;

import io.gatehouse.model.Consumer;
import io.gatehouse.plugin.Authentication;
import io.gatehouse.plugin.Exchange;
import io.gatehouse.plugin.PluginHandler;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** basic-auth's access phase: decode {@code Basic} credentials and check them in memory. */
final class BasicAuthHandler implements PluginHandler<BasicAuthConfig> {

    private final VerifiedPasswords passwords = new VerifiedPasswords();

    private record Presented(String header, String username, String password) {
    }

    @Override
    public void access(BasicAuthConfig config, Exchange exchange) {
        if (Authentication.skipBecauseAlreadyAuthenticated(exchange, config.anonymous())) {
            return;
        }
        String challenge = "Basic realm=\"" + (config.realm() == null ? "service" : config.realm()) + "\"";
        Presented presented = presented(exchange.request(), "Proxy-Authorization");
        if (presented == null) {
            presented = presented(exchange.request(), "Authorization");
        }
        CredentialIndex index = exchange.snapshot().part(BasicAuthPlugin.NAME, CredentialIndex.class);
        CredentialIndex.Credential credential = presented == null || index == null ? null : index.find(presented.username());
        Consumer consumer = credential == null ? null : exchange.snapshot().consumersById().get(credential.consumerId());
        if (consumer == null || !passwords.verify(presented.password(), credential.passwordHash())) {
            Authentication.reject(exchange, config.anonymous(), "Unauthorized", challenge);
            return;
        }
        if (config.hideCredentials()) {
            exchange.upstreamRequest().removeHeader(presented.header());
        }
        exchange.authenticate(consumer, credential.username());
    }

    private static Presented presented(Exchange.ClientRequest request, String header) {
        String value = request.header(header);
        if (value == null || value.length() < 6 || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        return new Presented(header, decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
