package io.gatehouse.schema;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collected validation errors, nested as Kong nests them: a field maps to its message, a
 * record to a map of its fields, an array to a list with one slot per element, and
 * entity-level messages go under {@code @entity}.
 */
public final class SchemaViolation {

    private final Map<String, Object> fields = new TreeMap<>();
    private final List<String> entityErrors = new ArrayList<>();

    public void field(String name, Object error) {
        fields.putIfAbsent(name, error);
    }

    public void entity(String message) {
        entityErrors.add(message);
    }

    public boolean isEmpty() {
        return fields.isEmpty() && entityErrors.isEmpty();
    }

    /** The {@code fields} object of Kong's error body. */
    public Map<String, Object> fieldsJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!entityErrors.isEmpty()) {
            out.put("@entity", List.copyOf(entityErrors));
        }
        out.putAll(fields);
        return out;
    }

    /** Kong's message: {@code schema violation (a: x)} or {@code N schema violations (a: x; b: y)}. */
    public String message() {
        List<String> parts = new ArrayList<>(entityErrors);
        flatten("", fields, parts);
        String joined = String.join("; ", parts);
        return parts.size() == 1
                ? "schema violation (" + joined + ")"
                : parts.size() + " schema violations (" + joined + ")";
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object error, List<String> out) {
        if (error instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
                String key = entry.getKey();
                if (key.equals("@entity") && entry.getValue() instanceof List<?> messages) {
                    for (Object message : messages) {
                        out.add(prefix.isEmpty() ? String.valueOf(message) : prefix.substring(0, prefix.length() - 1) + ": " + message);
                    }
                } else {
                    flatten(prefix + key + ".", entry.getValue(), out);
                }
            }
        } else if (error instanceof List<?> list) {
            Iterator<?> items = list.iterator();
            for (int index = 1; items.hasNext(); index++) {
                Object item = items.next();
                if (item != null) {
                    flatten(prefix + index + ".", item, out);
                }
            }
        } else if (error != null) {
            out.add(prefix.substring(0, prefix.length() - 1) + ": " + error);
        }
    }
}
