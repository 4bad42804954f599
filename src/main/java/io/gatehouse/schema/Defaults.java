package io.gatehouse.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fills in what the client left out, as Kong does before validating an insert or a replace. */
public final class Defaults {

    private Defaults() {
    }

    /**
     * Returns a copy of {@code entity} in which every absent field holds its default (or null),
     * and every record field, present or not, has its own absent fields defaulted too.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> apply(Schema schema, Map<String, Object> entity) {
        Map<String, Object> out = new LinkedHashMap<>(entity);
        for (Field field : schema.fields()) {
            if (field.isWriteOnly()) {
                continue;
            }
            Object value = out.get(field.name());
            if (value == null && !out.containsKey(field.name()) || value == null && field.type() == FieldType.RECORD) {
                value = copy(field.defaultValue());
                if (value == null && field.type() == FieldType.RECORD) {
                    value = new LinkedHashMap<String, Object>();
                }
            }
            if (value instanceof Map<?, ?> map && field.type() == FieldType.RECORD) {
                value = apply(field.recordSchema(), (Map<String, Object>) map);
            }
            out.put(field.name(), value);
        }
        return out;
    }

    /** Merges a partial update into a stored entity; nested records merge field by field. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> merge(Schema schema, Map<String, Object> stored, Map<String, Object> patch) {
        Map<String, Object> out = new LinkedHashMap<>(stored);
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            Field field = schema.field(entry.getKey());
            Object storedValue = stored.get(entry.getKey());
            if (field != null && field.type() == FieldType.RECORD
                    && entry.getValue() instanceof Map<?, ?> patchRecord
                    && storedValue instanceof Map<?, ?> storedRecord) {
                out.put(entry.getKey(), merge(field.recordSchema(), (Map<String, Object>) storedRecord, (Map<String, Object>) patchRecord));
            } else {
                out.put(entry.getKey(), entry.getValue());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, item) -> out.put((String) key, copy(item)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(copy(item)));
            return out;
        }
        return value;
    }
}
