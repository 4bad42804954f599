package io.gatehouse.store;

import io.gatehouse.schema.SchemaViolation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kong's database errors ({@code kong/db/errors.lua}): a numbered code, a name, a message and
 * structured fields. The Admin API renders them with the matching HTTP status.
 */
public final class DaoError extends RuntimeException {

    private final int code;
    private final String errorName;
    private final int status;
    private final Map<String, Object> fields;
    private final String fieldsKey;
    private final Map<String, Object> legacyBody;

    private DaoError(int code, String errorName, int status, String message, Map<String, Object> fields, String fieldsKey) {
        this(code, errorName, status, message, fields, fieldsKey, null);
    }

    private DaoError(int code, String errorName, int status, String message, Map<String, Object> fields,
                     String fieldsKey, Map<String, Object> legacyBody) {
        super(message, null, false, false);
        this.code = code;
        this.errorName = errorName;
        this.status = status;
        this.fields = fields;
        this.fieldsKey = fieldsKey;
        this.legacyBody = legacyBody;
    }

    /**
     * A primary-key clash on create. Kong 3 still reports it through its pre-1.0 error path,
     * as a 409 whose body is just {@code {"<field>": "already exists with value '...'"}}.
     */
    public static DaoError legacyConflict(Map<String, Object> body) {
        return new DaoError(3, "primary key violation", 409, String.valueOf(body), body, "fields", body);
    }

    public static DaoError invalidPrimaryKey(String message, Map<String, Object> fields) {
        return new DaoError(1, "invalid primary key", 400, message, fields, "fields");
    }

    public static DaoError schemaViolation(SchemaViolation violation) {
        return new DaoError(2, "schema violation", 400, violation.message(), violation.fieldsJson(), "fields");
    }

    public static DaoError schemaViolation(String field, String message) {
        SchemaViolation violation = new SchemaViolation();
        violation.field(field, message);
        return schemaViolation(violation);
    }

    public static DaoError foreignKeyViolation(String message, Map<String, Object> fields) {
        return new DaoError(4, "foreign key violation", 400, message, fields, "fields");
    }

    public static DaoError uniqueViolation(String message, Map<String, Object> fields) {
        return new DaoError(5, "unique constraint violation", 409, message, fields, "fields");
    }

    public static DaoError notFound(String message, Map<String, Object> fields) {
        return new DaoError(6, "not found", 404, message, fields, "fields");
    }

    public static DaoError invalidOffset(String message) {
        return new DaoError(7, "invalid offset", 400, message, null, null);
    }

    public static DaoError invalidSize(String message) {
        return new DaoError(9, "invalid size", 400, message, null, null);
    }

    public static DaoError invalidOptions(String message, Map<String, Object> options) {
        return new DaoError(11, "invalid options", 400, message, options, "options");
    }

    public static DaoError foreignKeysUnresolved(String message, Map<String, Object> fields) {
        return new DaoError(13, "foreign keys unresolved", 400, message, fields, "fields");
    }

    public int code() {
        return code;
    }

    public String errorName() {
        return errorName;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    /** Kong's JSON body for this error. */
    public Map<String, Object> toJson() {
        if (legacyBody != null) {
            return legacyBody;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("name", errorName);
        body.put("message", getMessage());
        if (fieldsKey != null) {
            body.put(fieldsKey, fields);
        }
        return body;
    }
}
