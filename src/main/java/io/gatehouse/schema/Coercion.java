package io.gatehouse.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns form-decoded values (all strings) into the types the schema expects, as Kong does for
 * {@code application/x-www-form-urlencoded} and multipart bodies: numbers from text, "true" and
 * "false" to booleans, a single value to a one-element array. JSON bodies are not coerced.
 */
public final class Coercion {

    private Coercion() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> coerceRecord(Schema schema, Map<String, Object> record) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : record.entrySet()) {
            Field field = schema == null ? null : schema.field(entry.getKey());
            out.put(entry.getKey(), field == null ? entry.getValue() : coerce(field, entry.getValue()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public static Object coerce(Field field, Object value) {
        if (value == null || field == null) {
            return value;
        }
        switch (field.type()) {
            case INTEGER, NUMBER -> {
                if (value instanceof String text) {
                    return parseNumber(text, value);
                }
            }
            case BOOLEAN -> {
                if ("true".equals(value)) {
                    return Boolean.TRUE;
                }
                if ("false".equals(value)) {
                    return Boolean.FALSE;
                }
            }
            case ARRAY, SET -> {
                List<Object> items;
                if (value instanceof List<?> list) {
                    items = (List<Object>) list;
                } else if (value instanceof Map<?, ?> indexed && allNumericKeys(indexed)) {
                    // hosts[1]=a&hosts[2]=b arrives as a map keyed by position
                    items = new ArrayList<>(new TreeMap<>(toIntegerKeys(indexed)).values());
                } else {
                    items = List.of(value);
                }
                List<Object> out = new ArrayList<>();
                for (Object item : items) {
                    out.add(coerce(field.elements(), item));
                }
                return out;
            }
            case MAP -> {
                if (value instanceof Map<?, ?> map) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    map.forEach((key, item) -> out.put((String) key, coerce(field.values(), item)));
                    return out;
                }
            }
            case RECORD -> {
                if (value instanceof Map<?, ?> map) {
                    return coerceRecord(field.recordSchema(), (Map<String, Object>) map);
                }
            }
            default -> {
            }
        }
        return value;
    }

    private static Object parseNumber(String text, Object original) {
        try {
            if (text.matches("[+-]?\\d+")) {
                return Long.parseLong(text);
            }
            double number = Double.parseDouble(text);
            return Double.isNaN(number) || Double.isInfinite(number) ? original : number;
        } catch (NumberFormatException e) {
            return original;
        }
    }

    private static boolean allNumericKeys(Map<?, ?> map) {
        return !map.isEmpty() && map.keySet().stream().allMatch(key -> String.valueOf(key).matches("\\d+"));
    }

    private static Map<Integer, Object> toIntegerKeys(Map<?, ?> map) {
        Map<Integer, Object> out = new TreeMap<>();
        map.forEach((key, item) -> out.put(Integer.parseInt(String.valueOf(key)), item));
        return out;
    }
}
