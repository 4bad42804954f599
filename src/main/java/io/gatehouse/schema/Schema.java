package io.gatehouse.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A Kong-style schema: ordered fields plus entity-level checks. The same definition drives
 * validation, form coercion and the JSON served by {@code /schemas}.
 */
public final class Schema {

    /** An entity-level rule; returns Kong's message, or null when the entity satisfies it. */
    public interface EntityCheck extends Function<Map<String, Object>, String> {
    }

    private final String name;
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final List<EntityCheck> entityChecks = new ArrayList<>();
    private final List<Object> describedChecks = new ArrayList<>();
    private final List<FieldCondition> fieldConditions = new ArrayList<>();

    /** A field error that depends on other fields, e.g. {@code snis} only with https. */
    public record FieldCondition(String field, String message, java.util.function.Predicate<Map<String, Object>> violated) {
    }

    public Schema(String name) {
        this.name = name;
    }

    public Schema add(Field field) {
        fields.put(field.name(), field);
        return this;
    }

    /** Adds an entity check; {@code description} is how {@code /schemas} lists it. */
    public Schema check(Object description, EntityCheck check) {
        entityChecks.add(check);
        describedChecks.add(description);
        return this;
    }

    /** Reports {@code message} on {@code field} whenever {@code violated} holds for the entity. */
    public Schema fieldCondition(String field, String message, java.util.function.Predicate<Map<String, Object>> violated) {
        fieldConditions.add(new FieldCondition(field, message, violated));
        return this;
    }

    public List<FieldCondition> fieldConditions() {
        return fieldConditions;
    }

    public String name() {
        return name;
    }

    public Field field(String fieldName) {
        return fields.get(fieldName);
    }

    public Collection<Field> fields() {
        return fields.values();
    }

    public List<EntityCheck> entityChecks() {
        return entityChecks;
    }

    public List<Map<String, Object>> describeFields() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Field field : fields.values()) {
            if (!field.isWriteOnly()) {
                out.add(Map.of(field.name(), field.describe()));
            }
        }
        return out;
    }

    /** Kong's {@code GET /schemas/{entity}} body. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fields", describeFields());
        out.put("entity_checks", describedChecks);
        return out;
    }
}
