package io.gatehouse.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.gatehouse.core.Json;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derives a {@link Schema} from a config record: each component becomes a snake_case field
 * whose type follows the Java type and whose rules come from {@link Describe}.
 */
public final class RecordSchemas {

    private static final Map<Class<?>, Schema> CACHE = new ConcurrentHashMap<>();

    private RecordSchemas() {
    }

    public static Schema of(Class<? extends Record> type) {
        return CACHE.computeIfAbsent(type, RecordSchemas::build);
    }

    private static Schema build(Class<?> type) {
        Schema schema = new Schema("@" + type.getSimpleName());
        for (RecordComponent component : type.getRecordComponents()) {
            String name = snakeCase(component.getName());
            Field field = fieldFor(name, component.getGenericType());
            Describe describe = component.getAnnotation(Describe.class);
            if (describe != null) {
                field.description(describe.value());
                if (!describe.defaultJson().isEmpty()) {
                    field.defaultValue(Json.parse(describe.defaultJson()));
                }
                if (describe.required()) {
                    field.required();
                }
                if (describe.oneOf().length > 0) {
                    field.oneOf(describe.oneOf());
                }
                if (describe.min() != Long.MIN_VALUE || describe.max() != Long.MAX_VALUE) {
                    field.between(describe.min(), describe.max());
                }
                if (describe.minLength() >= 0) {
                    field.minLength(describe.minLength());
                }
            }
            schema.add(field);
        }
        return schema;
    }

    @SuppressWarnings("unchecked")
    private static Field fieldFor(String name, Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                return Field.array(name, fieldFor("", arguments[0]));
            }
            if (Set.class.isAssignableFrom(raw)) {
                return Field.set(name, fieldFor("", arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Field.map(name, fieldFor("", arguments[1]));
            }
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            return Field.string(name);
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return Field.integer(name);
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return Field.number(name);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return Field.bool(name);
        }
        if (raw.isRecord()) {
            return Field.record(name, of((Class<? extends Record>) raw));
        }
        throw new IllegalArgumentException("unsupported config type " + type + " for field " + name);
    }

    /** Converts a validated, defaulted config map into the typed record. */
    public static <C> C toRecord(Map<String, Object> config, Class<C> type) {
        return Json.SNAKE_CASE.convertValue(config, type);
    }

    static String snakeCase(String camel) {
        return new PropertyNamingStrategies.SnakeCaseStrategy().translate(camel);
    }
}
