package io.gatehouse.store;

import io.gatehouse.schema.Field;
import io.gatehouse.schema.FieldType;
import io.gatehouse.schema.Schema;
import java.util.List;
import java.util.Map;

/**
 * Everything the generic store and Admin API need to know about one entity: its schema, its
 * table's mapper, its Admin API paths and the hooks that make it behave like Kong's.
 *
 * @param name         Kong's DAO name, used in error messages ({@code services}, {@code keyauth_credentials})
 * @param path         the Admin API collection ({@code services}, {@code key-auths})
 * @param endpointKey  the unique field that may stand in for the id in URLs, or null
 * @param schema       fields and entity checks
 * @param mapper       the MyBatis mapper of its table
 * @param nested       parent collection → nested path, e.g. {@code consumers → key-auth}
 * @param hooks        entity-specific behaviour (shorthands, generated secrets)
 */
public record EntityType(
        String name,
        String path,
        String endpointKey,
        Schema schema,
        Class<? extends EntityMapper> mapper,
        Map<String, String> nested,
        Hooks hooks) {

    /** Entity-specific steps of a write; all default to doing nothing. */
    public interface Hooks {
        /** The schema to validate this entity with (a plugin's depends on its name). */
        default Schema schemaFor(Schema base, Map<String, Object> entity) {
            return base;
        }

        /** Expands write-only shorthands (a service's {@code url}) before validation. */
        default Map<String, Object> expandShorthands(Map<String, Object> input, boolean partial) {
            return input;
        }

        /** Fills generated values (a key-auth key) after defaults and before validation. */
        default Map<String, Object> beforeValidate(Map<String, Object> entity) {
            return entity;
        }

        /** Transforms a validated entity before it is stored (hashing a password). */
        default Map<String, Object> beforeStore(Map<String, Object> entity, Map<String, Object> previous) {
            return entity;
        }

        /**
         * A rule that makes the rest of validation meaningless (an unknown plugin name: its
         * config cannot be checked); reported alone, before anything else. Null when fine.
         */
        default DaoError checkFirst(Map<String, Object> entity) {
            return null;
        }

        /** Extra rules that need the plugin registry or other context; null when fine. */
        default DaoError check(Map<String, Object> entity) {
            return null;
        }

        Hooks NONE = new Hooks() {
        };
    }

    public EntityType {
        nested = nested == null ? Map.of() : Map.copyOf(nested);
        hooks = hooks == null ? Hooks.NONE : hooks;
    }

    /** The foreign-key fields, in schema order. */
    public List<Field> foreignKeys() {
        return schema.fields().stream().filter(field -> field.type() == FieldType.FOREIGN).toList();
    }

    public boolean hasTags() {
        return schema.field("tags") != null;
    }
}
