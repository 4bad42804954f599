package io.gatehouse.admin;

import io.gatehouse.core.Gatehouse;
import io.gatehouse.core.Json;
import io.gatehouse.schema.Field;
import io.gatehouse.schema.Schema;
import io.gatehouse.schema.Uuids;
import io.gatehouse.store.ApiMapper;
import io.gatehouse.store.DaoError;
import io.gatehouse.store.EntityStore;
import io.gatehouse.store.EntityStore.Parent;
import io.gatehouse.store.EntityType;
import io.gatehouse.store.LegacyApis;
import io.gatehouse.store.LegacyApis.Checked;
import io.gatehouse.store.LegacyApis.Write;
import io.gatehouse.store.RowCodec;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.ibatis.session.SqlSession;

/**
 * Kong 0.13's {@code /apis} endpoints ({@code kong/api/routes/apis.lua}) and the plugins scoped
 * to an api. 0.13 differs from the 3.x endpoints in {@link EntityResource} in ways old scripts
 * depend on: its own validation messages and flat error bodies, responses without null fields,
 * {@code created_at} in milliseconds, collection-level PUT, name fallback for UUID-looking keys,
 * and lists with {@code total}. Every write still goes through {@link EntityStore}, so it is one
 * transaction that bumps the configuration version and reaches the snapshot.
 */
@Path("/apis")
public final class LegacyApisResource {

    /** Lists are read in chunks of this size when they must be filtered in memory. */
    private static final int CHUNK = 1000;

    @Context
    private ServletContext servletContext;
    @Context
    private UriInfo uri;
    @Context
    private HttpHeaders headers;
    @Context
    private HttpServletRequest request;

    private EntityStore store() {
        return Gatehouse.from(servletContext).entityStore();
    }

    private EntityType plugins() {
        return store().registry().plugins();
    }

    // ---- /apis -------------------------------------------------------------------------

    @GET
    public Response list() {
        LegacyPage page = LegacyPage.from(uri.getQueryParameters());
        Map<String, Object> query = apiFilters(page.filters());
        query.put("after", page.after() == null ? null : UUID.fromString(page.after()));
        query.put("limit", page.size() + 1);
        List<Map<String, Object>> rows;
        long total;
        try (SqlSession session = store().sessions().openSession(true)) {
            ApiMapper mapper = session.getMapper(ApiMapper.class);
            rows = mapper.page(query);
            Map<String, Object> countQuery = new LinkedHashMap<>(query);
            countQuery.put("after", null);
            total = mapper.count(countQuery);
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (Map<String, Object> row : rows.subList(0, Math.min(page.size(), rows.size()))) {
            data.add(legacyApi(RowCodec.toEntity(LegacyApis.TYPE.schema(), row)));
        }
        String lastId = rows.size() > page.size() ? (String) data.get(data.size() - 1).get("id") : null;
        return Responses.ok(page.body(total, data, lastId, absoluteUrl()));
    }

    @POST
    public Response create(byte[] body) {
        Map<String, Object> entity = checked(RequestBody.parse(headers, body).raw(), Write.INSERT);
        return Responses.created(legacyApi(legacyWrite(() -> store().insert(LegacyApis.TYPE, entity))));
    }

    /** 0.13's collection PUT: with an id it fully replaces that api (404 when missing), else inserts. */
    @PUT
    public Response createOrReplace(byte[] body) {
        Map<String, Object> raw = RequestBody.parse(headers, body).raw();
        if (raw.get("id") == null) {
            return create(body);
        }
        Map<String, Object> entity = checked(raw, Write.UPDATE);
        String id = (String) entity.get("id");
        if (store().find(LegacyApis.TYPE, id) == null) {
            throw AdminError.notFound();
        }
        Map<String, Object> replacement = fullReplacement(LegacyApis.TYPE.schema(), entity);
        return Responses.ok(legacyApi(legacyWrite(() -> store().update(LegacyApis.TYPE, id, replacement, null))));
    }

    // ---- /apis/{name_or_id} ------------------------------------------------------------

    @GET
    @Path("{api}")
    public Response read(@PathParam("api") String nameOrId) {
        return Responses.ok(legacyApi(findApi(nameOrId)));
    }

    @PATCH
    @Path("{api}")
    public Response update(@PathParam("api") String nameOrId, byte[] body) {
        Map<String, Object> patch = nonEmpty(RequestBody.parse(headers, body)).raw();
        Map<String, Object> existing = findApi(nameOrId);
        Map<String, Object> merged = legacyApi(existing);
        patch.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else {
                merged.put(key, value);
            }
        });
        Map<String, Object> entity = checked(merged, Write.UPDATE);
        String id = (String) existing.get("id");
        Map<String, Object> replacement = fullReplacement(LegacyApis.TYPE.schema(), entity);
        return Responses.ok(legacyApi(legacyWrite(() -> store().update(LegacyApis.TYPE, id, replacement, null))));
    }

    /** 0.13 looked the api up first, so a missing one is 404 here (3.x DELETE answers 204). */
    @DELETE
    @Path("{api}")
    public Response delete(@PathParam("api") String nameOrId) {
        String id = (String) findApi(nameOrId).get("id");
        legacyWrite(() -> store().delete(LegacyApis.TYPE, id, null));
        return Responses.noContent();
    }

    // ---- /apis/{name_or_id}/plugins ----------------------------------------------------

    @GET
    @Path("{api}/plugins")
    public Response listPlugins(@PathParam("api") String nameOrId) {
        String apiId = (String) findApi(nameOrId).get("id");
        LegacyPage page = LegacyPage.from(uri.getQueryParameters());
        // Plugins of one api are few; filtering the rendered bodies keeps 0.13's any-field
        // equality filters without a count statement in the (shared) plugins mapper.
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> plugin : pluginsOf(apiId)) {
            Map<String, Object> legacy = legacyPlugin(plugin);
            if (matches(legacy, page.filters())) {
                matching.add(legacy);
            }
        }
        List<Map<String, Object>> after = matching.stream()
                .filter(plugin -> page.after() == null || ((String) plugin.get("id")).compareTo(page.after()) > 0)
                .toList();
        List<Map<String, Object>> data = after.subList(0, Math.min(page.size(), after.size()));
        String lastId = after.size() > page.size() ? (String) data.get(data.size() - 1).get("id") : null;
        return Responses.ok(page.body(matching.size(), data, lastId, absoluteUrl()));
    }

    @POST
    @Path("{api}/plugins")
    public Response createPlugin(@PathParam("api") String nameOrId, byte[] body) {
        String apiId = (String) findApi(nameOrId).get("id");
        Map<String, Object> input = pluginInput(RequestBody.parse(headers, body), null);
        input.put("api", Map.of("id", apiId));
        return Responses.created(legacyPlugin(legacyWrite(() -> store().insert(plugins(), input))));
    }

    /** Collection PUT as for apis: with an id, a full replace of that plugin of this api. */
    @PUT
    @Path("{api}/plugins")
    public Response createOrReplacePlugin(@PathParam("api") String nameOrId, byte[] body) {
        String apiId = (String) findApi(nameOrId).get("id");
        RequestBody parsed = RequestBody.parse(headers, body);
        if (!(parsed.raw().get("id") instanceof String pluginId)) {
            Map<String, Object> input = pluginInput(parsed, null);
            input.put("api", Map.of("id", apiId));
            return Responses.created(legacyPlugin(legacyWrite(() -> store().insert(plugins(), input))));
        }
        Map<String, Object> existing = findPlugin(apiId, pluginId);
        Map<String, Object> input = pluginInput(parsed, null);
        input.put("api", Map.of("id", apiId));
        String id = (String) existing.get("id");
        return Responses.ok(legacyPlugin(legacyWrite(() -> store().upsert(plugins(), id, input))));
    }

    // ---- /apis/{name_or_id}/plugins/{id} -----------------------------------------------

    @GET
    @Path("{api}/plugins/{plugin}")
    public Response readPlugin(@PathParam("api") String nameOrId, @PathParam("plugin") String pluginId) {
        String apiId = (String) findApi(nameOrId).get("id");
        return Responses.ok(legacyPlugin(findPlugin(apiId, pluginId)));
    }

    @PATCH
    @Path("{api}/plugins/{plugin}")
    public Response updatePlugin(@PathParam("api") String nameOrId, @PathParam("plugin") String pluginId, byte[] body) {
        String apiId = (String) findApi(nameOrId).get("id");
        RequestBody parsed = nonEmpty(RequestBody.parse(headers, body));
        Map<String, Object> existing = findPlugin(apiId, pluginId);
        Map<String, Object> patch = pluginInput(parsed, existing);
        patch.remove("id");
        String id = (String) existing.get("id");
        return Responses.ok(legacyPlugin(legacyWrite(() -> store().update(plugins(), id, patch, new Parent("api", apiId)))));
    }

    @DELETE
    @Path("{api}/plugins/{plugin}")
    public Response deletePlugin(@PathParam("api") String nameOrId, @PathParam("plugin") String pluginId) {
        String apiId = (String) findApi(nameOrId).get("id");
        String id = (String) findPlugin(apiId, pluginId).get("id");
        legacyWrite(() -> store().delete(plugins(), id, new Parent("api", apiId)));
        return Responses.noContent();
    }

    // ---- lookups -----------------------------------------------------------------------

    /** 0.13's {@code find_api_by_name_or_id}: a UUID that matches no id is tried as a name. */
    private Map<String, Object> findApi(String nameOrId) {
        Map<String, Object> api = store().find(LegacyApis.TYPE, nameOrId);
        if (api == null && Uuids.isValid(nameOrId)) {
            try (SqlSession session = store().sessions().openSession(true)) {
                Map<String, Object> row = session.getMapper(ApiMapper.class).findByKey(nameOrId);
                api = row == null ? null : RowCodec.toEntity(LegacyApis.TYPE.schema(), row);
            }
        }
        if (api == null) {
            throw AdminError.notFound();
        }
        return api;
    }

    private Map<String, Object> findPlugin(String apiId, String pluginId) {
        Map<String, Object> plugin = store().find(plugins(), pluginId);
        if (plugin == null || !EntityStore.belongsTo(plugin, new Parent("api", apiId))) {
            throw AdminError.notFound();
        }
        return plugin;
    }

    private List<Map<String, Object>> pluginsOf(String apiId) {
        List<Map<String, Object>> all = new ArrayList<>();
        UUID after = null;
        do {
            EntityStore.Page chunk = store().page(plugins(), CHUNK, after, null, null, new Parent("api", apiId));
            all.addAll(chunk.data());
            after = chunk.lastId() == null ? null : UUID.fromString(chunk.lastId());
        } while (after != null);
        return all;
    }

    // ---- request bodies ----------------------------------------------------------------

    private static RequestBody nonEmpty(RequestBody body) {
        if (body.isEmpty()) {
            throw AdminError.message(400, "empty body");
        }
        return body;
    }

    /** Runs 0.13's validation; its failures are 400 with 0.13's flat body. */
    private static Map<String, Object> checked(Map<String, Object> raw, Write write) {
        Checked checked = LegacyApis.check(raw, write);
        if (!checked.ok()) {
            throw new AdminError(400, checked.errors());
        }
        return checked.entity();
    }

    /** Every field of the schema, so that a merge into the stored row replaces it entirely. */
    private static Map<String, Object> fullReplacement(Schema schema, Map<String, Object> entity) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field field : schema.fields()) {
            if (!field.isWriteOnly() && !field.name().equals("id") && !field.name().equals("created_at")) {
                out.put(field.name(), entity.get(field.name()));
            }
        }
        return out;
    }

    /**
     * A legacy plugin body as a 3.x plugin: form values typed with the named plugin's schema,
     * {@code consumer_id} turned into the {@code consumer} reference. The api comes from the
     * URL, so a body {@code api_id} is ignored, and 0.13 refused route or service scoping next
     * to an api.
     */
    private Map<String, Object> pluginInput(RequestBody body, Map<String, Object> existing) {
        Map<String, Object> probe = new LinkedHashMap<>();
        if (existing != null) {
            probe.putAll(existing);
        }
        probe.putAll(body.raw());
        Schema schema = plugins().hooks().schemaFor(plugins().schema(), probe);
        Map<String, Object> input = body.typed(schema);
        input.remove("created_at");
        input.remove("api_id");
        if (input.get("route_id") != null || input.get("service_id") != null) {
            throw AdminError.message(400, "cannot configure plugin with api_id and one of route_id or service_id");
        }
        input.remove("route_id");
        input.remove("service_id");
        if (input.containsKey("consumer_id")) {
            Object consumer = input.remove("consumer_id");
            input.put("consumer", consumer == null ? null : Map.of("id", consumer));
        }
        return input;
    }

    // ---- list filters ------------------------------------------------------------------

    /** 0.13 list filters on apis, typed for {@link ApiMapper#page}; unknown fields are 400. */
    private static Map<String, Object> apiFilters(Map<String, String> filters) {
        Map<String, Object> query = new LinkedHashMap<>();
        Map<String, Object> errors = new LinkedHashMap<>();
        filters.forEach((name, value) -> {
            Field field = LegacyApis.TYPE.schema().field(name);
            if (field == null || field.isWriteOnly()) {
                errors.put(name, name + " is an unknown field");
                return;
            }
            switch (field.type()) {
                case ARRAY -> query.put(name, value); // an api whose array holds this value
                case STRING -> {
                    if (name.equals("id") && !Uuids.isValid(value)) {
                        errors.put(name, "id is not a valid uuid");
                    } else {
                        query.put(name, value);
                    }
                }
                default -> {
                    Object typed = LegacyApis.coerce(field, value);
                    if (typed == null || typed instanceof Double) {
                        errors.put(name, name + " is not a " + (field.type() == io.gatehouse.schema.FieldType.BOOLEAN ? "boolean" : "number"));
                    } else {
                        query.put(name, typed);
                    }
                }
            }
        });
        if (!errors.isEmpty()) {
            throw new AdminError(400, errors);
        }
        return query;
    }

    private static final List<String> PLUGIN_FILTERS =
            List.of("id", "name", "enabled", "api_id", "consumer_id", "route_id", "service_id", "created_at");

    private static boolean matches(Map<String, Object> legacyPlugin, Map<String, String> filters) {
        Map<String, Object> errors = new LinkedHashMap<>();
        boolean matches = true;
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            if (!PLUGIN_FILTERS.contains(filter.getKey())) {
                errors.put(filter.getKey(), filter.getKey() + " is an unknown field");
            } else if (!filter.getValue().equals(String.valueOf(legacyPlugin.get(filter.getKey())))) {
                matches = false;
            }
        }
        if (!errors.isEmpty()) {
            throw new AdminError(400, errors);
        }
        return matches;
    }

    /** {@code next} is absolute in 0.13: the URL this request came in on, not the internal mount. */
    private String absoluteUrl() {
        Object forwarded = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        String path = forwarded instanceof String original ? original : request.getRequestURI();
        String host = request.getHeader("Host");
        if (host == null || host.isEmpty()) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        return request.getScheme() + "://" + host + path;
    }

    // ---- rendering and errors ----------------------------------------------------------

    /** 0.13 rendered only the fields that are set. */
    static Map<String, Object> legacyApi(Map<String, Object> api) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field field : LegacyApis.TYPE.schema().fields()) {
            Object value = api.get(field.name());
            if (!field.isWriteOnly() && value != null) {
                out.put(field.name(), value);
            }
        }
        return out;
    }

    /** A plugin as 0.13 showed it: flat {@code *_id} references, created_at in ms, no nulls. */
    static Map<String, Object> legacyPlugin(Map<String, Object> plugin) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", plugin.get("id"));
        if (plugin.get("created_at") instanceof Number seconds) {
            out.put("created_at", seconds.longValue() * 1000);
        }
        out.put("name", plugin.get("name"));
        for (String reference : List.of("api", "route", "service", "consumer")) {
            if (plugin.get(reference) instanceof Map<?, ?> map && map.get("id") != null) {
                out.put(reference + "_id", map.get("id"));
            }
        }
        Object config = plugin.get("config");
        // Tolerates a jsonb column read back as its text, so the body is the same either way.
        out.put("config", withoutNulls(config instanceof String text ? Json.parse(text) : config));
        out.put("enabled", plugin.get("enabled"));
        out.values().removeIf(value -> value == null);
        return out;
    }

    private static Object withoutNulls(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, item) -> {
                if (item != null) {
                    out.put(String.valueOf(key), withoutNulls(item));
                }
            });
            return out;
        }
        return value;
    }

    private static <T> T legacyWrite(java.util.function.Supplier<T> write) {
        try {
            return write.get();
        } catch (DaoError error) {
            throw LegacyErrors.of(error);
        }
    }

    /**
     * DAO errors in 0.13's shapes. Plugin schema violations (config, unknown fields, a plugin
     * that is not enabled) keep their 3.x messages but are flattened into 0.13's body of dotted
     * field names ({@code {"config.key_names":"..."}}), with 0.13's wording for the two generic
     * messages, so legacy clients can show them next to the field they name. Other errors
     * (database errors, offsets) pass through unchanged.
     */
    static final class LegacyErrors {

        private LegacyErrors() {
        }

        static RuntimeException of(DaoError error) {
            return switch (error.code()) {
                case 2 -> schemaViolation(error.fields());
                case 4 -> foreignKey(error.fields());
                case 5 -> new AdminError(409, unique(error.fields()));
                case 6 -> AdminError.notFound();
                default -> error;
            };
        }

        private static AdminError schemaViolation(Map<String, Object> fields) {
            Map<String, Object> flat = new LinkedHashMap<>();
            List<String> entityMessages = new ArrayList<>();
            flatten("", fields == null ? Map.of() : fields, flat, entityMessages);
            if (flat.isEmpty() && !entityMessages.isEmpty()) {
                return AdminError.message(400, String.join("; ", entityMessages));
            }
            return new AdminError(400, flat);
        }

        private static void flatten(String prefix, Map<?, ?> errors, Map<String, Object> flat, List<String> entityMessages) {
            errors.forEach((key, value) -> {
                String name = prefix + legacyName(String.valueOf(key), prefix.isEmpty());
                if (String.valueOf(key).equals("@entity")) {
                    for (Object message : value instanceof List<?> list ? list : List.of(value)) {
                        entityMessages.add(String.valueOf(message));
                    }
                } else if (value instanceof Map<?, ?> nested) {
                    flatten(name + ".", nested, flat, entityMessages);
                } else if (value instanceof List<?> list) {
                    list.stream().filter(item -> item != null).findFirst()
                            .ifPresent(item -> flat.put(name, legacyMessage(name, String.valueOf(item))));
                } else if (value != null) {
                    flat.put(name, legacyMessage(name, String.valueOf(value)));
                }
            });
        }

        private static String legacyName(String field, boolean topLevel) {
            return topLevel && List.of("api", "route", "service", "consumer").contains(field) ? field + "_id" : field;
        }

        private static String legacyMessage(String field, String message) {
            return switch (message) {
                case "unknown field" -> field + " is an unknown field";
                case "required field missing" -> field + " is required";
                default -> message;
            };
        }

        /** 0.13 answered a foreign key that points nowhere with 404 and the field that did. */
        private static AdminError foreignKey(Map<String, Object> fields) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (fields != null) {
                fields.forEach((field, reference) -> {
                    if (reference instanceof Map<?, ?> map && map.get("id") != null) {
                        body.put(legacyName(field, true), "does not exist with value '" + map.get("id") + "'");
                    }
                });
            }
            return body.isEmpty() ? AdminError.message(400, "foreign key violation") : new AdminError(404, body);
        }

        /**
         * 0.13's {@code {"name":"already exists with value 'x'"}}. A duplicate plugin (same
         * name and scope) is reported on its name; a reused id on the id.
         */
        private static Map<String, Object> unique(Map<String, Object> fields) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (fields != null) {
                String key = fields.containsKey("name") ? "name" : fields.containsKey("id") ? "id" : null;
                if (key != null) {
                    body.put(key, "already exists with value '" + fields.get(key) + "'");
                } else {
                    fields.forEach((field, value) -> {
                        if (value != null && !(value instanceof Map<?, ?>)) {
                            body.put(field, "already exists with value '" + value + "'");
                        }
                    });
                }
            }
            return body;
        }
    }

    /**
     * 0.13's list parameters: {@code size} (default 100), an opaque {@code offset}, and every
     * other query parameter an equality filter. The body carries {@code total}, and
     * {@code next} is an absolute URL. Unlike 0.13, {@code next} keeps the filters, so that
     * following it stays within the filtered list.
     */
    record LegacyPage(int size, String after, Map<String, String> filters) {

        static LegacyPage from(MultivaluedMap<String, String> query) {
            int size = 100;
            String sizeParam = query.getFirst("size");
            if (sizeParam != null) {
                try {
                    double parsed = Double.parseDouble(sizeParam);
                    if (parsed != Math.rint(parsed) || parsed < 1 || parsed > PageRequest.MAX_SIZE) {
                        throw AdminError.message(400, "size must be an integer between 1 and " + PageRequest.MAX_SIZE);
                    }
                    size = (int) parsed;
                } catch (NumberFormatException e) {
                    throw AdminError.message(400, "size must be a number");
                }
            }
            String offset = query.getFirst("offset");
            Map<String, String> filters = new LinkedHashMap<>();
            query.forEach((name, values) -> {
                if (!name.equals("size") && !name.equals("offset") && !values.isEmpty()) {
                    filters.put(name, values.get(0));
                }
            });
            return new LegacyPage(size, offset == null ? null : decodeOffset(offset), filters);
        }

        private static String decodeOffset(String token) {
            try {
                Object parsed = Json.parse(new String(Base64.getUrlDecoder().decode(token.replace('+', '-').replace('/', '_')),
                        StandardCharsets.UTF_8));
                if (parsed instanceof List<?> list && list.size() == 1 && list.get(0) instanceof String id && Uuids.isValid(id)) {
                    return id.toLowerCase(java.util.Locale.ROOT);
                }
            } catch (RuntimeException malformed) {
                // reported below
            }
            throw AdminError.message(400, "'" + token + "' is not a valid offset");
        }

        Map<String, Object> body(long total, List<Map<String, Object>> data, String lastId, String url) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("total", total);
            body.put("data", data);
            if (lastId != null) {
                String offset = PageRequest.encodeOffset(lastId);
                StringBuilder next = new StringBuilder(url).append("?offset=").append(offset).append("&size=").append(size);
                filters.forEach((name, value) -> next.append('&').append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
                body.put("offset", offset);
                body.put("next", next.toString());
            }
            return body;
        }
    }
}
