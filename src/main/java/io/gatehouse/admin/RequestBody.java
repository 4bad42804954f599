package io.gatehouse.admin;

import io.gatehouse.core.Json;
import io.gatehouse.schema.Coercion;
import io.gatehouse.schema.FormDecoder;
import io.gatehouse.schema.Schema;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvnet.mimepull.MIMEMessage;
import org.jvnet.mimepull.MIMEPart;

/**
 * A decoded Admin API request body. Form and multipart values are strings until
 * {@link #typed(Schema)} coerces them with the entity's schema; JSON is used as sent.
 */
public final class RequestBody {

    private final Map<String, Object> values;
    private final boolean fromForm;

    private RequestBody(Map<String, Object> values, boolean fromForm) {
        this.values = values;
        this.fromForm = fromForm;
    }

    public static RequestBody parse(HttpHeaders headers, byte[] body) {
        List<String> contentTypes = headers.getRequestHeader(HttpHeaders.CONTENT_TYPE);
        boolean empty = body == null || body.length == 0;
        if (contentTypes == null || contentTypes.isEmpty()) {
            if (empty) {
                return new RequestBody(new LinkedHashMap<>(), false);
            }
            throw new AdminError(415, null);
        }
        MediaType type;
        try {
            type = MediaType.valueOf(contentTypes.get(0));
        } catch (IllegalArgumentException e) {
            throw new AdminError(415, null);
        }
        if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.getSubtype().endsWith("+json")) {
            return new RequestBody(empty ? new LinkedHashMap<>() : json(body), false);
        }
        if (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            return new RequestBody(form(new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8)), true);
        }
        if (type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            return new RequestBody(multipart(type, body), true);
        }
        if (empty) {
            return new RequestBody(new LinkedHashMap<>(), false);
        }
        throw new AdminError(415, null);
    }

    /** The body typed for {@code schema}: form values coerced, JSON untouched. */
    public Map<String, Object> typed(Schema schema) {
        return fromForm ? Coercion.coerceRecord(schema, values) : new LinkedHashMap<>(values);
    }

    public Map<String, Object> raw() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    private static Map<String, Object> json(byte[] body) {
        try {
            Object parsed = Json.MAPPER.readValue(body, Object.class);
            if (parsed instanceof Map<?, ?>) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) parsed;
                return map;
            }
        } catch (IOException malformed) {
            // reported below in Kong's words
        }
        throw AdminError.message(400, "Cannot parse JSON body");
    }

    private static Map<String, Object> form(String body) {
        try {
            return FormDecoder.decodeUrlEncoded(body);
        } catch (FormDecoder.TooManyArguments e) {
            throw AdminError.message(400, "Too many arguments");
        }
    }

    private static Map<String, Object> multipart(MediaType type, byte[] body) {
        String boundary = type.getParameters().get("boundary");
        if (boundary == null || body == null) {
            throw AdminError.message(400, "Bad request");
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        try {
            MIMEMessage message = new MIMEMessage(new ByteArrayInputStream(body), boundary);
            for (MIMEPart part : message.getAttachments()) {
                String name = partName(part);
                if (name == null) {
                    continue;
                }
                try (InputStream content = part.readOnce()) {
                    pairs.add(new SimpleEntry<>(name, new String(content.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException | RuntimeException malformed) {
            throw AdminError.message(400, "Bad request");
        }
        try {
            return FormDecoder.decode(pairs);
        } catch (FormDecoder.TooManyArguments e) {
            throw AdminError.message(400, "Too many arguments");
        }
    }

    private static String partName(MIMEPart part) {
        List<String> dispositions = part.getHeader("Content-Disposition");
        if (dispositions == null) {
            return null;
        }
        for (String parameter : dispositions.get(0).split(";")) {
            String trimmed = parameter.trim();
            if (trimmed.startsWith("name=")) {
                String name = trimmed.substring(5);
                return name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1) : name;
            }
        }
        return null;
    }
}
