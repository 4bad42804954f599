package io.gatehouse.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One field of a schema. Built with the fluent methods, then frozen by the owning
 * {@link Schema}. Validators return an error message, or null when the value is fine.
 */
public final class Field {

    private final String name;
    private final FieldType type;
    private boolean required;
    private Object defaultValue;
    private boolean auto;
    private boolean unique;
    private boolean immutable;
    private boolean writeOnly;
    private boolean hiddenWhenNull;
    private String description;
    private Field elements;
    private Field values;
    private Schema record;
    private String reference;
    private List<String> oneOf;
    private Long min;
    private Long max;
    private Integer minLength;
    private final List<Function<Object, String>> validators = new ArrayList<>();

    private Field(String name, FieldType type) {
        this.name = name;
        this.type = type;
    }

    public static Field string(String name) {
        return new Field(name, FieldType.STRING);
    }

    public static Field integer(String name) {
        return new Field(name, FieldType.INTEGER);
    }

    public static Field number(String name) {
        return new Field(name, FieldType.NUMBER);
    }

    public static Field bool(String name) {
        return new Field(name, FieldType.BOOLEAN);
    }

    public static Field array(String name, Field elements) {
        Field field = new Field(name, FieldType.ARRAY);
        field.elements = elements;
        return field;
    }

    public static Field set(String name, Field elements) {
        Field field = new Field(name, FieldType.SET);
        field.elements = elements;
        return field;
    }

    public static Field map(String name, Field values) {
        Field field = new Field(name, FieldType.MAP);
        field.values = values;
        return field;
    }

    public static Field record(String name, Schema record) {
        Field field = new Field(name, FieldType.RECORD);
        field.record = record;
        return field;
    }

    /** A reference to another entity, rendered as {@code {"id": ...}}. */
    public static Field foreign(String name, String referencedEntity) {
        Field field = new Field(name, FieldType.FOREIGN);
        field.reference = referencedEntity;
        return field;
    }

    /** An unnamed element definition for arrays, sets and maps. */
    public static Field element(FieldType type) {
        return new Field("", type);
    }

    public Field required() {
        this.required = true;
        return this;
    }

    public Field defaultValue(Object value) {
        this.defaultValue = value;
        return this;
    }

    /** Filled in by the server (ids, timestamps). */
    public Field auto() {
        this.auto = true;
        return this;
    }

    public Field unique() {
        this.unique = true;
        return this;
    }

    public Field immutable() {
        this.immutable = true;
        return this;
    }

    /** Accepted on input, never stored or returned (Kong's shorthand fields like a service's url). */
    public Field writeOnly() {
        this.writeOnly = true;
        return this;
    }

    /** Rendered only when set: Gatehouse extensions that Kong 3 clients do not expect to see. */
    public Field hiddenWhenNull() {
        this.hiddenWhenNull = true;
        return this;
    }

    public boolean isHiddenWhenNull() {
        return hiddenWhenNull;
    }

    public Field description(String text) {
        this.description = text;
        return this;
    }

    public Field oneOf(String... choices) {
        this.oneOf = List.of(choices);
        return this;
    }

    public Field between(long lowest, long highest) {
        this.min = lowest;
        this.max = highest;
        return this;
    }

    public Field minLength(int length) {
        this.minLength = length;
        return this;
    }

    public Field validate(Function<Object, String> validator) {
        validators.add(validator);
        return this;
    }

    public String name() {
        return name;
    }

    public FieldType type() {
        return type;
    }

    public boolean isRequired() {
        return required;
    }

    public Object defaultValue() {
        return defaultValue;
    }

    public boolean isAuto() {
        return auto;
    }

    public boolean isUnique() {
        return unique;
    }

    public boolean isImmutable() {
        return immutable;
    }

    public boolean isWriteOnly() {
        return writeOnly;
    }

    public String description() {
        return description;
    }

    public Field elements() {
        return elements;
    }

    public Field values() {
        return values;
    }

    public Schema recordSchema() {
        return record;
    }

    public String reference() {
        return reference;
    }

    public List<String> oneOfChoices() {
        return oneOf == null ? null : Collections.unmodifiableList(oneOf);
    }

    public Long min() {
        return min;
    }

    public Long max() {
        return max;
    }

    public Integer minLength() {
        return minLength;
    }

    List<Function<Object, String>> validators() {
        return validators;
    }

    /** Kong's JSON description of this field, as served by {@code /schemas}. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("type", type.kongName());
        if (required) {
            out.put("required", true);
        }
        if (defaultValue != null) {
            out.put("default", defaultValue);
        }
        if (auto) {
            out.put("auto", true);
        }
        if (unique) {
            out.put("unique", true);
        }
        if (immutable) {
            out.put("immutable", true);
        }
        if (reference != null) {
            out.put("reference", reference);
        }
        if (oneOf != null) {
            out.put("one_of", oneOf);
        }
        if (min != null) {
            out.put("between", List.of(min, max));
        }
        if (minLength != null) {
            out.put("len_min", minLength);
        }
        if (description != null) {
            out.put("description", description);
        }
        if (elements != null) {
            out.put("elements", elements.describe());
        }
        if (values != null) {
            out.put("keys", Map.of("type", "string"));
            out.put("values", values.describe());
        }
        if (record != null) {
            out.put("fields", record.describeFields());
        }
        return out;
    }
}
