package io.gatehouse.schema;

/** Kong's schema types, named as Kong renders them in {@code /schemas}. */
public enum FieldType {
    STRING("string", "a string"),
    INTEGER("integer", "an integer"),
    NUMBER("number", "a number"),
    BOOLEAN("boolean", "a boolean"),
    ARRAY("array", "an array"),
    SET("set", "a set"),
    MAP("map", "a map"),
    RECORD("record", "a record"),
    FOREIGN("foreign", "a record");

    private final String kongName;
    private final String expected;

    FieldType(String kongName, String expected) {
        this.kongName = kongName;
        this.expected = expected;
    }

    public String kongName() {
        return kongName;
    }

    /** The text of Kong's type error: {@code expected <this>}. */
    public String expectation() {
        return "expected " + expected;
    }

    public boolean isCollection() {
        return this == ARRAY || this == SET;
    }
}
