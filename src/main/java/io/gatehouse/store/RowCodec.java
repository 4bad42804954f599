package io.gatehouse.store;

import io.gatehouse.core.Json;
import io.gatehouse.schema.Field;
import io.gatehouse.schema.FieldType;
import io.gatehouse.schema.Schema;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.util.PGobject;

/**
 * Converts between an entity in Kong's JSON shape and a table row. A foreign key
 * {@code service: {id}} is the column {@code service_id}; string arrays are {@code text[]};
 * maps, records and other arrays are {@code jsonb}; ids are {@code uuid}.
 */
public final class RowCodec {

    private RowCodec() {
    }

    public static String column(Field field) {
        return field.type() == FieldType.FOREIGN ? field.name() + "_id" : field.name();
    }

    /** JDBC-ready values keyed by column, for the mapper's insert and update. */
    public static Map<String, Object> toRow(Schema schema, Map<String, Object> entity) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Field field : schema.fields()) {
            if (field.isWriteOnly()) {
                continue;
            }
            row.put(column(field), toColumn(field, entity.get(field.name())));
        }
        return row;
    }

    /** The entity as the Admin API renders it: every field present, unset ones as null. */
    public static Map<String, Object> toEntity(Schema schema, Map<String, Object> row) {
        Map<String, Object> entity = new LinkedHashMap<>();
        for (Field field : schema.fields()) {
            if (field.isWriteOnly()) {
                continue;
            }
            Object value = fromColumn(field, row.get(column(field)));
            if (value != null || !field.isHiddenWhenNull()) {
                entity.put(field.name(), value);
            }
        }
        return entity;
    }

    static Object toColumn(Field field, Object value) {
        if (value == null) {
            return null;
        }
        return switch (field.type()) {
            case FOREIGN -> {
                Object id = ((Map<?, ?>) value).get("id");
                yield id == null ? null : UUID.fromString((String) id);
            }
            case ARRAY, SET -> field.elements().type() == FieldType.STRING
                    ? ((List<?>) value).toArray(new String[0])
                    : jsonb(value);
            case MAP, RECORD -> jsonb(value);
            case STRING -> field.name().equals("id") ? UUID.fromString((String) value) : value;
            case INTEGER -> ((Number) value).longValue();
            default -> value;
        };
    }

    static Object fromColumn(Field field, Object value) {
        if (value == null) {
            return null;
        }
        try {
            // MyBatis hands arrays over already unwrapped (String[]) or as java.sql.Array.
            if (value instanceof Array array) {
                return new ArrayList<>(Arrays.asList((Object[]) array.getArray()));
            }
            if (value instanceof Object[] items) {
                return new ArrayList<>(Arrays.asList(items));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read array column " + field.name(), e);
        }
        if (value instanceof PGobject json) {
            return json.getValue() == null ? null : Json.parse(json.getValue());
        }
        if (value instanceof String text && storedAsJson(field)) {
            // MyBatis reads jsonb as text when rows come back as maps.
            return Json.parse(text);
        }
        if (value instanceof UUID uuid) {
            return field.type() == FieldType.FOREIGN ? Map.of("id", uuid.toString()) : uuid.toString();
        }
        if (field.type() == FieldType.INTEGER && value instanceof Number number) {
            return number.longValue();
        }
        return value;
    }

    private static boolean storedAsJson(Field field) {
        return field.type() == FieldType.MAP || field.type() == FieldType.RECORD
                || field.type().isCollection() && field.elements().type() != FieldType.STRING;
    }

    private static PGobject jsonb(Object value) {
        PGobject json = new PGobject();
        try {
            json.setType("jsonb");
            json.setValue(Json.write(value));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return json;
    }
}
