package io.gatehouse.it.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds request bodies and expected documents without hand-escaping JSON. */
public final class Json {

    private Json() {
    }

    /** {@code obj("name", "svc", "port", 80, "tags", List.of("a"))} as a JSON string. */
    public static String obj(Object... keysAndValues) {
        return node(keysAndValues).toString();
    }

    public static ObjectNode node(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return HttpResult.MAPPER.valueToTree(map);
    }

    /** Parses a JSON text (for expected values written as text blocks). */
    public static JsonNode parse(String json) {
        try {
            return HttpResult.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad JSON in test: " + json, e);
        }
    }

    public static String write(Object value) {
        try {
            return HttpResult.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
