package io.gatehouse.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a JSON-shaped entity against its schema and reports every problem in Kong's words. */
public final class Validator {

    private Validator() {
    }

    /**
     * Validates a complete entity (defaults already applied). Unknown fields, missing required
     * fields, type errors, field rules and, when the fields are sound, entity checks.
     */
    public static SchemaViolation validate(Schema schema, Map<String, Object> entity) {
        SchemaViolation violation = new SchemaViolation();
        Object errors = validateRecord(schema, entity);
        if (errors instanceof Map<?, ?> map) {
            map.forEach((key, value) -> violation.field((String) key, value));
        }
        if (violation.isEmpty()) {
            for (Schema.EntityCheck check : schema.entityChecks()) {
                String message = check.apply(entity);
                if (message != null) {
                    violation.entity(message);
                }
            }
            for (Schema.FieldCondition condition : schema.fieldConditions()) {
                if (condition.violated().test(entity)) {
                    violation.field(condition.field(), condition.message());
                }
            }
        }
        return violation;
    }

    /** Returns null when valid, else a map of field errors. */
    @SuppressWarnings("unchecked")
    private static Object validateRecord(Schema schema, Map<String, Object> record) {
        Map<String, Object> errors = new LinkedHashMap<>();
        for (String key : record.keySet()) {
            if (schema.field(key) == null) {
                errors.put(key, "unknown field");
            }
        }
        for (Field field : schema.fields()) {
            Object value = record.get(field.name());
            if (value == null) {
                if (field.isRequired() && !field.isAuto()) {
                    errors.put(field.name(), "required field missing");
                }
                continue;
            }
            Object error = validateValue(field, value);
            if (error != null) {
                errors.put(field.name(), error);
            }
        }
        // Top-level entity checks are reported by validate(); a nested record's belong to it.
        if (errors.isEmpty() && isNested(schema)) {
            List<String> entityErrors = new ArrayList<>();
            for (Schema.EntityCheck check : schema.entityChecks()) {
                String message = check.apply(record);
                if (message != null) {
                    entityErrors.add(message);
                }
            }
            if (!entityErrors.isEmpty()) {
                errors.put("@entity", entityErrors);
            }
        }
        return errors.isEmpty() ? null : errors;
    }

    private static boolean isNested(Schema schema) {
        return schema.name().startsWith("@");
    }

    /** Validates one non-null value; returns its error (a string, map or list) or null. */
    @SuppressWarnings("unchecked")
    public static Object validateValue(Field field, Object value) {
        switch (field.type()) {
            case STRING -> {
                if (!(value instanceof String text)) {
                    return field.type().expectation();
                }
                if (field.minLength() != null && text.length() < field.minLength()) {
                    return "length must be at least " + field.minLength();
                }
                if (field.oneOfChoices() != null && !field.oneOfChoices().contains(text)) {
                    return "expected one of: " + String.join(", ", field.oneOfChoices().stream().sorted().toList());
                }
            }
            case INTEGER -> {
                if (!isInteger(value)) {
                    return field.type().expectation();
                }
                String range = checkRange(field, ((Number) value).doubleValue());
                if (range != null) {
                    return range;
                }
                if (field.oneOfChoices() != null && !field.oneOfChoices().contains(String.valueOf(((Number) value).longValue()))) {
                    return "expected one of: " + String.join(", ", field.oneOfChoices());
                }
            }
            case NUMBER -> {
                if (!(value instanceof Number number)) {
                    return field.type().expectation();
                }
                String range = checkRange(field, number.doubleValue());
                if (range != null) {
                    return range;
                }
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    return field.type().expectation();
                }
            }
            case ARRAY, SET -> {
                if (!(value instanceof List<?> list)) {
                    return field.type().expectation();
                }
                List<Object> elementErrors = new ArrayList<>();
                boolean failed = false;
                Set<Object> seen = new HashSet<>();
                for (Object element : list) {
                    Object error = element == null ? "required field missing" : validateValue(field.elements(), element);
                    if (error == null && field.type() == FieldType.SET && !seen.add(element)) {
                        error = "duplicate set element: " + element;
                    }
                    elementErrors.add(error);
                    failed |= error != null;
                }
                if (failed) {
                    return elementErrors;
                }
                if (field.minLength() != null && list.size() < field.minLength()) {
                    return "length must be at least " + field.minLength();
                }
            }
            case MAP -> {
                if (!(value instanceof Map<?, ?> map)) {
                    return field.type().expectation();
                }
                Map<String, Object> valueErrors = new LinkedHashMap<>();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (entry.getValue() == null) {
                        continue;
                    }
                    Object error = validateValue(field.values(), entry.getValue());
                    if (error != null) {
                        valueErrors.put(String.valueOf(entry.getKey()), error);
                    }
                }
                if (!valueErrors.isEmpty()) {
                    return valueErrors;
                }
            }
            case RECORD -> {
                if (!(value instanceof Map<?, ?> map)) {
                    return field.type().expectation();
                }
                return validateRecord(field.recordSchema(), (Map<String, Object>) map);
            }
            case FOREIGN -> {
                if (!(value instanceof Map<?, ?> map)) {
                    return field.type().expectation();
                }
                Object id = map.get("id");
                if (id != null && !(id instanceof String text && Uuids.isValid(text))) {
                    return Map.of("id", "expected a valid UUID");
                }
            }
            default -> throw new IllegalStateException("unhandled type " + field.type());
        }
        for (var validator : field.validators()) {
            String error = validator.apply(value);
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    static boolean isInteger(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return true;
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return number == Math.rint(number) && !Double.isInfinite(number);
        }
        return value instanceof java.math.BigInteger;
    }

    private static String checkRange(Field field, double value) {
        if (field.min() != null && (value < field.min() || value > field.max())) {
            return "value should be between " + field.min() + " and " + field.max();
        }
        return null;
    }
}
