package io.gatehouse.admin;

import io.gatehouse.core.Gatehouse;
import io.gatehouse.plugin.GatewayPlugin;
import io.gatehouse.schema.Field;
import io.gatehouse.schema.RecordSchemas;
import io.gatehouse.schema.Schema;
import io.gatehouse.store.EntityStore;
import io.gatehouse.store.EntityType;
import io.gatehouse.store.PluginEntity;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Schemas of entities and plugins, and the list of enabled plugins. */
@Path("/")
public final class SchemaResource {

    @Context
    private ServletContext servletContext;
    @Context
    private HttpHeaders headers;

    private Gatehouse gatehouse() {
        return Gatehouse.from(servletContext);
    }

    @GET
    @Path("plugins/enabled")
    public Response enabledPlugins() {
        return Responses.ok(Map.of("enabled_plugins",
                gatehouse().plugins().enabled().stream().map(GatewayPlugin::name).toList()));
    }

    @GET
    @Path("schemas/{entity}")
    public Response entitySchema(@PathParam("entity") String entity) {
        EntityType type = gatehouse().entityStore().registry().byName(entity);
        if (type == null) {
            type = gatehouse().entityStore().registry().byPath(entity);
        }
        if (type == null) {
            throw AdminError.message(404, "No entity named '" + entity + "'");
        }
        return Responses.ok(type.schema().describe());
    }

    @GET
    @Path("schemas/plugins/{name}")
    public Response pluginSchema(@PathParam("name") String name) {
        GatewayPlugin<?> plugin = gatehouse().plugins().get(name);
        if (plugin == null) {
            throw AdminError.message(404, "No plugin named '" + name + "'");
        }
        return Responses.ok(PluginEntity.schemaOf(plugin).describe());
    }

    @POST
    @Path("schemas/plugins/validate")
    public Response validatePlugin(byte[] body) {
        EntityType plugins = gatehouse().entityStore().registry().plugins();
        RequestBody parsed = RequestBody.parse(headers, body);
        Schema schema = plugins.hooks().schemaFor(plugins.schema(), parsed.raw());
        gatehouse().entityStore().validateOnly(plugins, parsed.typed(schema));
        return Responses.ok(Map.of("message", "schema validation successful"));
    }

    @POST
    @Path("schemas/{entity}/validate")
    public Response validateEntity(@PathParam("entity") String entity, byte[] body) {
        EntityStore store = gatehouse().entityStore();
        EntityType type = store.registry().byName(entity);
        if (type == null) {
            throw AdminError.message(404, "No entity named '" + entity + "'");
        }
        RequestBody parsed = RequestBody.parse(headers, body);
        store.validateOnly(type, parsed.typed(type.hooks().schemaFor(type.schema(), parsed.raw())));
        return Responses.ok(Map.of("message", "schema validation successful"));
    }

    /** Kong 0.13's plugin schema, still read by legacy dashboards: fields keyed by name. */
    @GET
    @Path("plugins/schema/{name}")
    public Response legacyPluginSchema(@PathParam("name") String name) {
        GatewayPlugin<?> plugin = gatehouse().plugins().get(name);
        if (plugin == null) {
            throw AdminError.message(404, "No plugin named '" + name + "'");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fields", legacyFields(RecordSchemas.of(plugin.configType())));
        body.put("no_consumer", !plugin.allowsConsumerScope());
        return Responses.ok(body);
    }

    private static Map<String, Object> legacyFields(Schema schema) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Field field : schema.fields()) {
            Map<String, Object> description = new LinkedHashMap<>();
            String type = switch (field.type()) {
                case ARRAY, SET -> "array";
                case RECORD -> "table";
                case MAP -> "table";
                case INTEGER -> "number";
                default -> field.type().kongName();
            };
            description.put("type", type);
            if (field.defaultValue() != null) {
                description.put("default", field.defaultValue());
            }
            if (field.isRequired()) {
                description.put("required", true);
            }
            if (field.oneOfChoices() != null) {
                description.put("enum", field.oneOfChoices());
            }
            if (field.type() == io.gatehouse.schema.FieldType.RECORD) {
                description.put("schema", Map.of("fields", legacyFields(field.recordSchema())));
            }
            fields.put(field.name(), description);
        }
        return fields;
    }
}
