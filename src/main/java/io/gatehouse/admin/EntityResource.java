package io.gatehouse.admin;

import io.gatehouse.core.Gatehouse;
import io.gatehouse.schema.Field;
import io.gatehouse.schema.Schema;
import io.gatehouse.store.EntityStore;
import io.gatehouse.store.EntityStore.Parent;
import io.gatehouse.store.EntityType;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kong's auto-generated CRUD endpoints for every entity in the registry: collections,
 * single entities, nested collections ({@code /services/{s}/routes}) and foreign-entity
 * endpoints ({@code /routes/{r}/service}).
 */
@Path("/")
public final class EntityResource {

    @Context
    private ServletContext servletContext;
    @Context
    private UriInfo uri;
    @Context
    private HttpHeaders headers;

    private EntityStore store() {
        return Gatehouse.from(servletContext).entityStore();
    }

    private EntityType collection(String path) {
        EntityType type = store().registry().byPath(path);
        if (type == null) {
            throw AdminError.notFound();
        }
        return type;
    }

    // ---- /{collection} ---------------------------------------------------------------

    @GET
    @Path("{collection}")
    public Response list(@PathParam("collection") String collection) {
        EntityType type = collection(collection);
        if (type.name().equals("consumers") && uri.getQueryParameters().containsKey("custom_id")) {
            return consumerByCustomId(uri.getQueryParameters().getFirst("custom_id"));
        }
        return page(type, null, "/" + collection);
    }

    @POST
    @Path("{collection}")
    public Response create(@PathParam("collection") String collection, byte[] body) {
        EntityType type = collection(collection);
        Map<String, Object> input = typed(type, RequestBody.parse(headers, body), null);
        return Responses.created(store().insert(type, input));
    }

    // ---- /{collection}/{id} ----------------------------------------------------------

    @GET
    @Path("{collection}/{id}")
    public Response read(@PathParam("collection") String collection, @PathParam("id") String id) {
        Map<String, Object> entity = store().find(collection(collection), id);
        if (entity == null) {
            throw AdminError.notFound();
        }
        return Responses.ok(entity);
    }

    @PUT
    @Path("{collection}/{id}")
    public Response upsert(@PathParam("collection") String collection, @PathParam("id") String id, byte[] body) {
        EntityType type = collection(collection);
        Map<String, Object> input = typed(type, RequestBody.parse(headers, body), null);
        return Responses.ok(store().upsert(type, id, input));
    }

    @PATCH
    @Path("{collection}/{id}")
    public Response update(@PathParam("collection") String collection, @PathParam("id") String id, byte[] body) {
        EntityType type = collection(collection);
        Map<String, Object> existing = store().find(type, id);
        if (existing == null) {
            throw EntityStore.notFound(type, id);
        }
        Map<String, Object> patch = typed(type, RequestBody.parse(headers, body), existing);
        return Responses.ok(store().update(type, id, patch, null));
    }

    @DELETE
    @Path("{collection}/{id}")
    public Response delete(@PathParam("collection") String collection, @PathParam("id") String id) {
        store().delete(collection(collection), id, null);
        return Responses.noContent();
    }

    // ---- /{parent}/{p}/{child}: nested collection or foreign entity ------------------

    @GET
    @Path("{parent}/{pid}/{child}")
    public Response nestedList(@PathParam("parent") String parent, @PathParam("pid") String parentId,
                               @PathParam("child") String child) {
        Nesting nesting = nesting(parent, parentId, child);
        if (nesting.foreignField() != null) {
            Map<String, Object> target = foreignTarget(nesting);
            if (target == null) {
                throw AdminError.notFound();
            }
            return Responses.ok(target);
        }
        return page(nesting.childType(), nesting.parent(), "/" + parent + "/" + parentId + "/" + child);
    }

    @POST
    @Path("{parent}/{pid}/{child}")
    public Response nestedCreate(@PathParam("parent") String parent, @PathParam("pid") String parentId,
                                 @PathParam("child") String child, byte[] body) {
        Nesting nesting = nesting(parent, parentId, child);
        if (nesting.foreignField() != null) {
            throw AdminError.message(405, "Method not allowed");
        }
        Map<String, Object> input = typed(nesting.childType(), RequestBody.parse(headers, body), null);
        input.put(nesting.parent().field(), Map.of("id", nesting.parent().id()));
        return Responses.created(store().insert(nesting.childType(), input));
    }

    @PUT
    @Path("{parent}/{pid}/{child}")
    public Response foreignUpsert(@PathParam("parent") String parent, @PathParam("pid") String parentId,
                                  @PathParam("child") String child, byte[] body) {
        Nesting nesting = nesting(parent, parentId, child);
        if (nesting.foreignField() == null) {
            throw AdminError.message(405, "Method not allowed");
        }
        EntityType targetType = store().registry().byName(nesting.foreignField().reference());
        Map<String, Object> input = typed(targetType, RequestBody.parse(headers, body), null);
        Map<String, Object> current = foreignTarget(nesting);
        if (current != null) {
            return Responses.ok(store().upsert(targetType, (String) current.get("id"), input));
        }
        Map<String, Object> created = store().insert(targetType, input);
        Map<String, Object> link = new LinkedHashMap<>();
        link.put(nesting.foreignField().name(), Map.of("id", created.get("id")));
        store().update(nesting.parentType(), nesting.parentId(), link, null);
        return Responses.ok(created);
    }

    @PATCH
    @Path("{parent}/{pid}/{child}")
    public Response foreignUpdate(@PathParam("parent") String parent, @PathParam("pid") String parentId,
                                  @PathParam("child") String child, byte[] body) {
        Nesting nesting = nesting(parent, parentId, child);
        if (nesting.foreignField() == null) {
            throw AdminError.message(405, "Method not allowed");
        }
        Map<String, Object> current = foreignTarget(nesting);
        if (current == null) {
            throw AdminError.notFound();
        }
        EntityType targetType = store().registry().byName(nesting.foreignField().reference());
        Map<String, Object> patch = typed(targetType, RequestBody.parse(headers, body), current);
        return Responses.ok(store().update(targetType, (String) current.get("id"), patch, null));
    }

    // ---- /{parent}/{p}/{child}/{c} ---------------------------------------------------

    @GET
    @Path("{parent}/{pid}/{child}/{cid}")
    public Response nestedRead(@PathParam("parent") String parent, @PathParam("pid") String parentId,
                               @PathParam("child") String child, @PathParam("cid") String childId) {
        Nesting nesting = nestedCollection(parent, parentId, child);
        Map<String, Object> entity = store().find(nesting.childType(), childId);
        if (entity == null || !EntityStore.belongsTo(entity, nesting.parent())) {
            throw AdminError.notFound();
        }
        return Responses.ok(entity);
    }

    @PUT
    @Path("{parent}/{pid}/{child}/{cid}")
    public Response nestedUpsert(@PathParam("parent") String parent, @PathParam("pid") String parentId,
                                 @PathParam("child") String child, @PathParam("cid") String childId, byte[] body) {
        Nesting nesting = nestedCollection(parent, parentId, child);
        Map<String, Object> existing = store().find(nesting.childType(), childId);
        if (existing != null && !EntityStore.belongsTo(existing, nesting.parent())) {
            throw AdminError.notFound();
        }
        Map<String, Object> input = typed(nesting.childType(), RequestBody.parse(headers, body), null);
        input.put(nesting.parent().field(), Map.of("id", nesting.parent().id()));
        return Responses.ok(store().upsert(nesting.childType(), childId, input));
    }

    @PATCH
    @Path("{parent}/{pid}/{child}/{cid}")
    public Response nestedUpdate(@PathParam("parent") String parent, @PathParam("pid") String parentId,
                                 @PathParam("child") String child, @PathParam("cid") String childId, byte[] body) {
        Nesting nesting = nestedCollection(parent, parentId, child);
        Map<String, Object> existing = store().find(nesting.childType(), childId);
        if (existing == null || !EntityStore.belongsTo(existing, nesting.parent())) {
            throw AdminError.notFound();
        }
        Map<String, Object> patch = typed(nesting.childType(), RequestBody.parse(headers, body), existing);
        return Responses.ok(store().update(nesting.childType(), childId, patch, nesting.parent()));
    }

    @DELETE
    @Path("{parent}/{pid}/{child}/{cid}")
    public Response nestedDelete(@PathParam("parent") String parent, @PathParam("pid") String parentId,
                                 @PathParam("child") String child, @PathParam("cid") String childId) {
        Nesting nesting = nestedCollection(parent, parentId, child);
        store().delete(nesting.childType(), childId, nesting.parent());
        return Responses.noContent();
    }

    @DELETE
    @Path("{parent}/{pid}/{child}")
    public Response foreignDelete(@PathParam("parent") String parent, @PathParam("pid") String parentId,
                                  @PathParam("child") String child) {
        nesting(parent, parentId, child);
        throw AdminError.message(405, "Method not allowed");
    }

    // ---- helpers ---------------------------------------------------------------------

    /**
     * How {@code /<parent>/<id>/<child>} resolves: either a foreign key of the parent
     * ({@code foreignField}), or a child collection filtered by the parent ({@code childType}).
     */
    private record Nesting(EntityType parentType, String parentId, Field foreignField, EntityType childType,
                           Parent parent, Map<String, Object> parentEntity) {
    }

    private Nesting nesting(String parentPath, String parentKey, String child) {
        EntityType parentType = collection(parentPath);
        Map<String, Object> parentEntity = store().find(parentType, parentKey);
        if (parentEntity == null) {
            throw AdminError.notFound();
        }
        String parentId = (String) parentEntity.get("id");
        for (Field field : parentType.foreignKeys()) {
            if (field.name().equals(child) && store().registry().byName(field.reference()) != null) {
                return new Nesting(parentType, parentId, field, null, null, parentEntity);
            }
        }
        EntityType childType = store().registry().nested(parentPath, child);
        if (childType == null) {
            throw AdminError.notFound();
        }
        String fkField = childType.foreignKeys().stream()
                .filter(field -> field.reference().equals(parentType.name()))
                .map(Field::name).findFirst().orElseThrow(AdminError::notFound);
        return new Nesting(parentType, parentId, null, childType, new Parent(fkField, parentId), parentEntity);
    }

    private Nesting nestedCollection(String parentPath, String parentKey, String child) {
        Nesting nesting = nesting(parentPath, parentKey, child);
        if (nesting.childType() == null) {
            throw AdminError.notFound();
        }
        return nesting;
    }

    private Map<String, Object> foreignTarget(Nesting nesting) {
        Object reference = nesting.parentEntity().get(nesting.foreignField().name());
        if (!(reference instanceof Map<?, ?> map) || map.get("id") == null) {
            return null;
        }
        EntityType targetType = store().registry().byName(nesting.foreignField().reference());
        return store().find(targetType, (String) map.get("id"));
    }

    private Response page(EntityType type, Parent parent, String path) {
        PageRequest request = PageRequest.from(uri.getQueryParameters(), type.hasTags(), type.name());
        EntityStore.Page page = store().page(type, request.size(), request.after(), request.tagsAll(), request.tagsAny(), parent);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page.data());
        if (page.lastId() != null) {
            body.put("offset", PageRequest.encodeOffset(page.lastId()));
        }
        body.put("next", request.next(path, page.lastId()));
        return Responses.ok(body);
    }

    private Response consumerByCustomId(String customId) {
        if (customId == null || customId.isEmpty()) {
            throw AdminError.message(400, "custom_id must be an unempty string");
        }
        Map<String, Object> consumer = store().consumerByCustomId(customId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", consumer == null ? List.of() : List.of(consumer));
        body.put("next", null);
        return Responses.ok(body);
    }

    /** Types form values with the schema that will validate them (a plugin's depends on its name). */
    private static Map<String, Object> typed(EntityType type, RequestBody body, Map<String, Object> existing) {
        Map<String, Object> probe = new LinkedHashMap<>();
        if (existing != null) {
            probe.putAll(existing);
        }
        probe.putAll(body.raw());
        Schema schema = type.hooks().schemaFor(type.schema(), probe);
        return body.typed(schema);
    }
}
