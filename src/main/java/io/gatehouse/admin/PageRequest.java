package io.gatehouse.admin;

import io.gatehouse.core.Json;
import io.gatehouse.schema.Uuids;
import io.gatehouse.store.DaoError;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Kong's list parameters: {@code size} (1..1000, default 100), the opaque {@code offset}
 * (URL-safe base64 of a JSON array holding the last id) and {@code tags} filters.
 */
record PageRequest(int size, UUID after, String[] tagsAll, String[] tagsAny, String sizeParam, String tagsParam) {

    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 1000;

    static PageRequest from(MultivaluedMap<String, String> query, boolean taggable, String entityName) {
        String sizeParam = query.getFirst("size");
        int size = DEFAULT_SIZE;
        if (sizeParam != null) {
            try {
                double parsed = Double.parseDouble(sizeParam);
                if (parsed != Math.rint(parsed) || parsed < 1 || parsed > MAX_SIZE) {
                    throw DaoError.invalidSize("size must be an integer between 1 and " + MAX_SIZE);
                }
                size = (int) parsed;
            } catch (NumberFormatException e) {
                throw DaoError.invalidSize("size must be a number");
            }
        }
        UUID after = null;
        String offset = query.getFirst("offset");
        if (offset != null) {
            after = decodeOffset(offset);
        }
        String tagsParam = query.getFirst("tags");
        String[] all = null;
        String[] any = null;
        if (query.containsKey("tags")) {
            if (!taggable) {
                throw DaoError.invalidOptions("invalid option (tags: cannot be used with '" + entityName + "')",
                        Map.of("tags", "cannot be used with '" + entityName + "'"));
            }
            if (tagsParam == null || tagsParam.isEmpty()) {
                throw DaoError.invalidOptions("invalid option (tags: cannot be null)", Map.of("tags", "cannot be null"));
            }
            boolean and = tagsParam.contains(",");
            boolean or = tagsParam.contains("/");
            if (and && or) {
                throw DaoError.invalidOptions("invalid option (tags: invalid filter syntax)", Map.of("tags", "invalid filter syntax"));
            }
            String[] tags = tagsParam.split(and ? "," : "/");
            if (tags.length > 5) {
                throw DaoError.invalidOptions("invalid option (tags: cannot query more than 5 tags)",
                        Map.of("tags", "cannot query more than 5 tags"));
            }
            if (or) {
                any = tags;
            } else {
                all = tags;
            }
        }
        return new PageRequest(size, after, all, any, sizeParam, tagsParam);
    }

    static String encodeOffset(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.writeBytes(List.of(lastId)));
    }

    private static UUID decodeOffset(String token) {
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(token.replace('+', '-').replace('/', '_'));
        } catch (IllegalArgumentException e) {
            throw DaoError.invalidOffset("'" + token + "' is not a valid offset: bad base64 encoding");
        }
        try {
            Object parsed = Json.MAPPER.readValue(json, Object.class);
            if (parsed instanceof List<?> list && list.size() == 1 && list.get(0) instanceof String id && Uuids.isValid(id)) {
                return UUID.fromString(id);
            }
        } catch (java.io.IOException e) {
            // reported below
        }
        throw DaoError.invalidOffset("'" + token + "' is not a valid offset: bad json encoding");
    }

    /** Kong's {@code next}: the same list from the following page, keeping size and tags. */
    String next(String path, String lastId) {
        if (lastId == null) {
            return null;
        }
        String token = encodeOffset(lastId);
        StringBuilder next = new StringBuilder(path).append("?offset=").append(token);
        if (tagsParam != null) {
            next.append("&tags=").append(URLEncoder.encode(tagsParam, StandardCharsets.UTF_8));
        }
        if (sizeParam != null) {
            next.append("&size=").append(size);
        }
        return next.toString();
    }
}
