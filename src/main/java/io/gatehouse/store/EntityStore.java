package io.gatehouse.store;

import io.gatehouse.schema.Defaults;
import io.gatehouse.schema.Field;
import io.gatehouse.schema.FieldType;
import io.gatehouse.schema.Schema;
import io.gatehouse.schema.SchemaViolation;
import io.gatehouse.schema.Uuids;
import io.gatehouse.schema.Validator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.TransactionIsolationLevel;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Kong's DAO over MyBatis: validated inserts, upserts, partial updates and deletes, each in one
 * transaction that also bumps the configuration version and notifies every node.
 * The Admin API and the console both go through here.
 */
public final class EntityStore {

    private final SqlSessionFactory sessions;
    private final EntityRegistry registry;

    public EntityStore(SqlSessionFactory sessions, EntityRegistry registry) {
        this.sessions = sessions;
        this.registry = registry;
    }

    public EntityRegistry registry() {
        return registry;
    }

    /** Parent scoping of a nested collection, e.g. routes of one service. */
    public record Parent(String field, String id) {
    }

    public record Page(List<Map<String, Object>> data, String lastId) {
    }

    // ---- reads -------------------------------------------------------------------------

    /** By id, or by endpoint key when the text is not a UUID (Kong 3 never falls back). */
    public Map<String, Object> find(EntityType type, String idOrKey) {
        try (SqlSession session = sessions.openSession(true)) {
            return find(session, type, idOrKey);
        }
    }

    Map<String, Object> find(SqlSession session, EntityType type, String idOrKey) {
        EntityMapper mapper = session.getMapper(type.mapper());
        UUID id = Uuids.parse(idOrKey);
        Map<String, Object> row;
        if (id != null) {
            row = mapper.findById(id);
        } else if (type.endpointKey() != null) {
            row = mapper.findByKey(idOrKey);
        } else {
            row = null;
        }
        return row == null ? null : RowCodec.toEntity(type.schema(), row);
    }

    public Map<String, Object> consumerByCustomId(String customId) {
        try (SqlSession session = sessions.openSession(true)) {
            Map<String, Object> row = session.getMapper(ConsumerMapper.class).findByCustomId(customId);
            return row == null ? null : RowCodec.toEntity(CoreEntities.CONSUMERS.schema(), row);
        }
    }

    /** Rows of Kong's tags view, optionally for one tag, skipping {@code skip} rows. */
    public List<Map<String, Object>> tags(String tag, long skip, int limit) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("tag", tag);
        query.put("skip", skip);
        query.put("limit", limit);
        try (SqlSession session = sessions.openSession(true)) {
            return session.getMapper(TagsMapper.class).page(query);
        }
    }

    public SqlSessionFactory sessions() {
        return sessions;
    }

    public Page page(EntityType type, int size, UUID after, String[] tagsAll, String[] tagsAny, Parent parent) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("after", after);
        query.put("limit", size + 1);
        query.put("tagsAll", tagsAll);
        query.put("tagsAny", tagsAny);
        if (parent != null) {
            query.put(parent.field() + "_id", UUID.fromString(parent.id()));
        }
        try (SqlSession session = sessions.openSession(true)) {
            List<Map<String, Object>> rows = session.getMapper(type.mapper()).page(query);
            List<Map<String, Object>> data = new ArrayList<>();
            for (int i = 0; i < Math.min(size, rows.size()); i++) {
                data.add(RowCodec.toEntity(type.schema(), rows.get(i)));
            }
            String lastId = rows.size() > size ? (String) data.get(data.size() - 1).get("id") : null;
            return new Page(data, lastId);
        }
    }

    public List<Map<String, Object>> all(SqlSession session, EntityType type) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : session.getMapper(type.mapper()).all()) {
            out.add(RowCodec.toEntity(type.schema(), row));
        }
        return out;
    }

    // ---- writes ------------------------------------------------------------------------

    /** POST: creates the entity; 201 in the Admin API. */
    public Map<String, Object> insert(EntityType type, Map<String, Object> input) {
        return write(session -> {
            Map<String, Object> entity = prepareFull(session, type, input, null);
            insertRow(session, type, entity);
            return asStored(type, entity);
        });
    }

    /**
     * PUT: creates or fully replaces the entity addressed by {@code idOrKey}; the URL's key wins
     * over the body's. Returns the stored entity.
     */
    public Map<String, Object> upsert(EntityType type, String idOrKey, Map<String, Object> input) {
        return write(session -> {
            Map<String, Object> body = new LinkedHashMap<>(input);
            Map<String, Object> existing = find(session, type, idOrKey);
            if (Uuids.isValid(idOrKey)) {
                body.put("id", idOrKey.toLowerCase(java.util.Locale.ROOT));
            } else {
                body.put(type.endpointKey(), idOrKey);
                if (existing != null) {
                    body.put("id", existing.get("id"));
                }
            }
            Map<String, Object> entity = prepareFull(session, type, body, existing);
            if (existing == null) {
                insertRow(session, type, entity);
            } else {
                updateRow(session, type, entity);
            }
            return asStored(type, entity);
        });
    }

    /** PATCH: merges {@code patch} into the stored entity; DaoError 404 when it is missing. */
    public Map<String, Object> update(EntityType type, String idOrKey, Map<String, Object> patch, Parent parent) {
        return write(session -> {
            Map<String, Object> existing = find(session, type, idOrKey);
            if (existing == null || !belongsTo(existing, parent)) {
                throw notFound(type, idOrKey);
            }
            Map<String, Object> expanded = type.hooks().expandShorthands(patch, true);
            Schema schema = type.hooks().schemaFor(type.schema(), existing);
            Map<String, Object> merged = Defaults.merge(schema, existing, expanded);
            merged.put("id", existing.get("id"));
            merged.put("created_at", existing.get("created_at"));
            Map<String, Object> entity = validate(session, type, merged, existing, false);
            updateRow(session, type, entity);
            return asStored(type, entity);
        });
    }

    /** DELETE: true when a row was removed. Missing entities are not an error (Kong answers 204). */
    public boolean delete(EntityType type, String idOrKey, Parent parent) {
        return write(session -> {
            Map<String, Object> existing = find(session, type, idOrKey);
            if (existing == null) {
                return false;
            }
            if (!belongsTo(existing, parent)) {
                throw notFound(type, idOrKey);
            }
            session.getMapper(type.mapper()).delete(UUID.fromString((String) existing.get("id")));
            return true;
        });
    }

    /** Runs validation only, as {@code /schemas/{entity}/validate} does. */
    public void validateOnly(EntityType type, Map<String, Object> input) {
        try (SqlSession session = sessions.openSession(true)) {
            prepareFull(session, type, input, null);
        }
    }

    /** The entity exactly as a later GET will render it: schema order, no write-only fields. */
    private static Map<String, Object> asStored(EntityType type, Map<String, Object> entity) {
        return RowCodec.toEntity(type.schema(), RowCodec.toRow(type.schema(), entity));
    }

    public static boolean belongsTo(Map<String, Object> entity, Parent parent) {
        if (parent == null) {
            return true;
        }
        Object reference = entity.get(parent.field());
        return reference instanceof Map<?, ?> map && parent.id().equals(map.get("id"));
    }

    public static DaoError notFound(EntityType type, String idOrKey) {
        boolean byId = Uuids.isValid(idOrKey);
        String key = byId ? "id" : type.endpointKey();
        return DaoError.notFound("could not find the entity with " + (byId ? "primary key " : "")
                + "'{" + key + "=\"" + idOrKey + "\"}'", Map.of(key, idOrKey));
    }

    private Map<String, Object> prepareFull(SqlSession session, EntityType type, Map<String, Object> input,
                                            Map<String, Object> existing) {
        Map<String, Object> expanded = type.hooks().expandShorthands(input, false);
        Schema schema = type.hooks().schemaFor(type.schema(), expanded);
        Map<String, Object> entity = Defaults.apply(schema, expanded);
        if (entity.get("id") == null) {
            entity.put("id", UUID.randomUUID().toString());
        }
        return validate(session, type, entity, existing, true);
    }

    private Map<String, Object> validate(SqlSession session, EntityType type, Map<String, Object> candidate,
                                         Map<String, Object> existing, boolean full) {
        Schema schema = type.hooks().schemaFor(type.schema(), candidate);
        DaoError early = type.hooks().checkFirst(candidate);
        if (early != null) {
            throw early;
        }
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> entity = type.hooks().beforeValidate(new LinkedHashMap<>(candidate));
        if (full && (existing == null || entity.get("created_at") == null)) {
            entity.put("created_at", now);
        }
        entity.put("updated_at", now);
        resolveForeignKeys(session, type, entity);
        SchemaViolation violation = Validator.validate(schema, withoutWriteOnly(schema, entity));
        if (!violation.isEmpty()) {
            throw DaoError.schemaViolation(violation);
        }
        DaoError late = type.hooks().check(entity);
        if (late != null) {
            throw late;
        }
        return type.hooks().beforeStore(entity, existing);
    }

    private static Map<String, Object> withoutWriteOnly(Schema schema, Map<String, Object> entity) {
        Map<String, Object> out = new LinkedHashMap<>(entity);
        for (Field field : schema.fields()) {
            if (field.isWriteOnly()) {
                out.remove(field.name());
            }
        }
        return out;
    }

    /** Turns {@code {"name": "svc"}} references into {@code {"id": ...}}, as Kong resolves them. */
    private void resolveForeignKeys(SqlSession session, EntityType type, Map<String, Object> entity) {
        for (Field field : type.foreignKeys()) {
            Object value = entity.get(field.name());
            if (!(value instanceof Map<?, ?> reference) || reference.get("id") != null || reference.isEmpty()) {
                continue;
            }
            EntityType target = registry.byName(field.reference());
            if (target == null || target.endpointKey() == null || reference.size() != 1
                    || !reference.containsKey(target.endpointKey())) {
                continue;
            }
            Object key = reference.get(target.endpointKey());
            Map<String, Object> found = key instanceof String text ? find(session, target, text) : null;
            if (found == null) {
                String description = "{" + target.endpointKey() + "=\"" + key + "\"}";
                throw DaoError.foreignKeysUnresolved("foreign key unresolved (" + field.name() + "." + target.endpointKey()
                                + ": the foreign key cannot be resolved with '" + description + "' for an existing '"
                                + target.name() + "' entity)",
                        Map.of(field.name(), Map.of(target.endpointKey(),
                                "the foreign key cannot be resolved with '" + description + "' for an existing '"
                                        + target.name() + "' entity")));
            }
            entity.put(field.name(), Map.of("id", found.get("id")));
        }
    }

    private void insertRow(SqlSession session, EntityType type, Map<String, Object> entity) {
        try {
            session.getMapper(type.mapper()).insert(RowCodec.toRow(type.schema(), entity));
        } catch (PersistenceException e) {
            throw translate(type, entity, e, true);
        }
    }

    private void updateRow(SqlSession session, EntityType type, Map<String, Object> entity) {
        try {
            session.getMapper(type.mapper()).update(RowCodec.toRow(type.schema(), entity));
        } catch (PersistenceException e) {
            throw translate(type, entity, e, false);
        }
    }

    /** Runs one write transaction: the change, the version bump and the NOTIFY commit together. */
    private <T> T write(Function<SqlSession, T> change) {
        // Explicit: pooled connections may carry another isolation level from snapshot reads, and
        // under REPEATABLE READ concurrent writers would fail on the shared version row instead of queueing.
        try (SqlSession session = sessions.openSession(TransactionIsolationLevel.READ_COMMITTED)) {
            T result;
            try {
                result = change.apply(session);
                ConfigVersionMapper versions = session.getMapper(ConfigVersionMapper.class);
                long version = versions.bump();
                versions.notifyNodes(String.valueOf(version));
                session.commit();
            } catch (PersistenceException e) {
                session.rollback(true);
                throw translateDelete(e);
            } catch (RuntimeException e) {
                session.rollback(true);
                throw e;
            }
            return result;
        }
    }

    private static final java.util.regex.Pattern REFERENCED_TABLE = java.util.regex.Pattern.compile("on table \"([^\"]+)\"");

    /** A delete refused because other rows still reference it (routes of a service). */
    private RuntimeException translateDelete(PersistenceException e) {
        ServerErrorMessage error = serverError(e);
        if (error == null || !"23503".equals(error.getSQLState())) {
            return e;
        }
        EntityType referencing = registry.byTable(error.getTable());
        java.util.regex.Matcher matcher = REFERENCED_TABLE.matcher(String.valueOf(error.getMessage()));
        EntityType referenced = matcher.find() ? registry.byTable(matcher.group(1)) : null;
        String referencingName = referencing == null ? error.getTable() : referencing.name();
        String referencedName = referenced == null ? "?" : referenced.name();
        return DaoError.foreignKeyViolation("an existing '" + referencingName + "' entity references this '"
                + referencedName + "' entity", Map.of("@referenced_by", referencingName));
    }

    private RuntimeException translate(EntityType type, Map<String, Object> entity, PersistenceException e, boolean insert) {
        ServerErrorMessage error = serverError(e);
        if (error == null) {
            return e;
        }
        String constraint = error.getConstraint() == null ? "" : error.getConstraint();
        switch (error.getSQLState()) {
            case "23505" -> {
                if (constraint.endsWith("_pkey")) {
                    // Kong still answers a reused id on POST through its legacy error path.
                    return DaoError.legacyConflict(Map.of("id", "already exists with value '" + entity.get("id") + "'"));
                }
                if (constraint.equals("plugins_cache_key")) {
                    return pluginCacheKeyViolation(entity);
                }
                String field = uniqueField(type, constraint);
                Object value = entity.get(field);
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put(field, value);
                return DaoError.uniqueViolation("UNIQUE violation detected on '{" + field + "=" + luaValue(value) + "}'", fields);
            }
            case "23503" -> {
                for (Field field : type.foreignKeys()) {
                    if (constraint.equals(type.name() + "_" + field.name() + "_id_fkey")
                            || constraint.endsWith("_" + field.name() + "_id_fkey")) {
                        Object reference = entity.get(field.name());
                        Object id = reference instanceof Map<?, ?> map ? map.get("id") : null;
                        return DaoError.foreignKeyViolation("the foreign key '{id=\"" + id + "\"}' does not reference an existing '"
                                + field.reference() + "' entity.", Map.of(field.name(), Map.of("id", id)));
                    }
                }
                return e;
            }
            default -> {
                return e;
            }
        }
    }

    private static String uniqueField(EntityType type, String constraint) {
        for (Field field : type.schema().fields()) {
            if (constraint.endsWith("_" + RowCodec.column(field) + "_key")) {
                return field.name();
            }
        }
        return type.endpointKey() == null ? "id" : type.endpointKey();
    }

    private static DaoError pluginCacheKeyViolation(Map<String, Object> plugin) {
        Map<String, Object> fields = new LinkedHashMap<>();
        StringBuilder description = new StringBuilder("{");
        for (String key : List.of("consumer", "name", "route", "service")) {
            Object value = plugin.get(key);
            fields.put(key, value);
            if (description.length() > 1) {
                description.append(',');
            }
            description.append(key).append('=').append(luaValue(value));
        }
        description.append('}');
        return DaoError.uniqueViolation("UNIQUE violation detected on '" + description + "'", fields);
    }

    /** Kong prints keys in its messages as Lua tables. */
    private static String luaValue(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            map.forEach((key, item) -> {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append(key).append('=').append(luaValue(item));
            });
            return out.append('}').toString();
        }
        if (value instanceof String text) {
            return "\"" + text + "\"";
        }
        return String.valueOf(value);
    }

    private static ServerErrorMessage serverError(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql.getServerErrorMessage();
            }
        }
        return null;
    }
}
