package io.gatehouse.plugins.keyauth;

import io.gatehouse.core.Json;
import io.gatehouse.model.Consumer;
import io.gatehouse.plugin.Authentication;
import io.gatehouse.plugin.Exchange;
import io.gatehouse.plugin.PluginHandler;
import io.gatehouse.schema.FormDecoder;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** key-auth's access phase: find the key, look it up in memory, identify the consumer. */
final class KeyAuthHandler implements PluginHandler<KeyAuthConfig> {

    @Override
    public boolean needsRequestBody(KeyAuthConfig config) {
        return config.keyInBody();
    }

    @Override
    public void access(KeyAuthConfig config, Exchange exchange) {
        if (!config.runOnPreflight() && "OPTIONS".equals(exchange.request().method())) {
            return;
        }
        if (Authentication.skipBecauseAlreadyAuthenticated(exchange, config.anonymous())) {
            return;
        }
        String challenge = config.realm() == null ? "Key" : "Key realm=\"" + config.realm() + "\"";
        FoundKey found;
        try {
            found = findKey(config, exchange.request());
        } catch (DuplicateKey duplicate) {
            Authentication.reject(exchange, config.anonymous(), "Duplicate API key found", challenge);
            return;
        }
        if (found == null || found.value().isEmpty()) {
            Authentication.reject(exchange, config.anonymous(), "No API key found in request", challenge);
            return;
        }
        KeyIndex index = exchange.snapshot().part(KeyAuthPlugin.NAME, KeyIndex.class);
        KeyIndex.Credential credential = index == null ? null : index.find(found.value());
        Consumer consumer = credential == null ? null : exchange.snapshot().consumersById().get(credential.consumerId());
        if (consumer == null) {
            Authentication.reject(exchange, config.anonymous(), "Unauthorized", challenge);
            return;
        }
        if (config.hideCredentials()) {
            hide(found, exchange);
        }
        exchange.authenticate(consumer, credential.id().toString());
    }

    private enum Location { HEADER, QUERY, BODY }

    private record FoundKey(String name, String value, Location location) {
    }

    private static final class DuplicateKey extends RuntimeException {
        DuplicateKey() {
            super(null, null, false, false);
        }
    }

    private static FoundKey findKey(KeyAuthConfig config, Exchange.ClientRequest request) {
        Map<String, Object> body = null;
        for (String name : config.keyNames()) {
            if (config.keyInHeader()) {
                List<String> values = request.headers(name);
                if (values.size() > 1) {
                    throw new DuplicateKey();
                }
                if (values.size() == 1) {
                    return new FoundKey(name, values.get(0), Location.HEADER);
                }
            }
            if (config.keyInQuery()) {
                List<String> values = request.queryArgs().get(name);
                if (values != null && values.size() > 1) {
                    throw new DuplicateKey();
                }
                if (values != null && values.size() == 1) {
                    return new FoundKey(name, values.get(0), Location.QUERY);
                }
            }
            if (config.keyInBody()) {
                if (body == null) {
                    body = parseBody(request);
                }
                Object value = body.get(name);
                if (value instanceof List<?>) {
                    throw new DuplicateKey();
                }
                if (value instanceof String text) {
                    return new FoundKey(name, text, Location.BODY);
                }
            }
        }
        return null;
    }

    private static Map<String, Object> parseBody(Exchange.ClientRequest request) {
        byte[] body = request.body();
        String type = request.contentType() == null ? "" : request.contentType().toLowerCase(java.util.Locale.ROOT);
        if (body == null || body.length == 0) {
            return Map.of();
        }
        try {
            if (type.startsWith("application/json")) {
                Object parsed = Json.MAPPER.readValue(body, Object.class);
                @SuppressWarnings("unchecked")
                Map<String, Object> map = parsed instanceof Map<?, ?> ? (Map<String, Object>) parsed : Map.of();
                return map;
            }
            if (type.startsWith("application/x-www-form-urlencoded")) {
                return FormDecoder.decodeUrlEncoded(new String(body, StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException | RuntimeException unreadable) {
            return Map.of();
        }
        return Map.of();
    }

    private static void hide(FoundKey found, Exchange exchange) {
        switch (found.location()) {
            case HEADER -> exchange.upstreamRequest().removeHeader(found.name());
            case QUERY -> exchange.upstreamRequest().setRawQuery(withoutArgument(exchange.upstreamRequest().rawQuery(), found.name()));
            case BODY -> exchange.upstreamRequest().setBody(bodyWithout(exchange.request(), found.name()));
        }
    }

    /** The raw query without any {@code name=...} pair, other pairs left byte for byte. */
    static String withoutArgument(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&", -1)) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (!key.equals(name)) {
                kept.add(pair);
            }
        }
        return kept.isEmpty() ? null : String.join("&", kept);
    }

    private static byte[] bodyWithout(Exchange.ClientRequest request, String name) {
        String type = request.contentType() == null ? "" : request.contentType().toLowerCase(java.util.Locale.ROOT);
        Map<String, Object> body = new java.util.LinkedHashMap<>(parseBody(request));
        body.remove(name);
        if (type.startsWith("application/json")) {
            return Json.writeBytes(body);
        }
        String form = withoutArgument(new String(request.body(), StandardCharsets.UTF_8), name);
        return form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
    }

}
