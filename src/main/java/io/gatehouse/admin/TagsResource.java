package io.gatehouse.admin;

import io.gatehouse.core.Gatehouse;
import io.gatehouse.core.Json;
import io.gatehouse.store.DaoError;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /tags} and {@code GET /tags/{tag}}: which entities carry which tags. */
@Path("/tags")
public final class TagsResource {

    @Context
    private ServletContext servletContext;
    @Context
    private UriInfo uri;

    @GET
    public Response all() {
        return page(null, "/tags");
    }

    @GET
    @Path("{tag}")
    public Response byTag(@PathParam("tag") String tag) {
        return page(tag, "/tags/" + tag);
    }

    private Response page(String tag, String path) {
        jakarta.ws.rs.core.MultivaluedMap<String, String> sizeOnly = new jakarta.ws.rs.core.MultivaluedHashMap<>();
        sizeOnly.putSingle("size", sizeOf());
        PageRequest request = PageRequest.from(sizeOnly, false, "tags");
        long skip = skip(uri.getQueryParameters().getFirst("offset"));
        List<Map<String, Object>> rows = Gatehouse.from(servletContext).entityStore().tags(tag, skip, request.size() + 1);
        List<Map<String, Object>> data = new ArrayList<>(rows.subList(0, Math.min(rows.size(), request.size())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        if (rows.size() > request.size()) {
            String token = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Json.writeBytes(List.of(skip + request.size())));
            body.put("offset", token);
            body.put("next", path + "?offset=" + token);
        } else {
            body.put("next", null);
        }
        return Responses.ok(body);
    }

    private String sizeOf() {
        String size = uri.getQueryParameters().getFirst("size");
        return size == null ? String.valueOf(PageRequest.DEFAULT_SIZE) : size;
    }

    private static long skip(String token) {
        if (token == null) {
            return 0;
        }
        try {
            Object parsed = Json.MAPPER.readValue(Base64.getUrlDecoder().decode(token), Object.class);
            if (parsed instanceof List<?> list && list.size() == 1 && list.get(0) instanceof Number number) {
                return number.longValue();
            }
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw DaoError.invalidOffset("'" + token + "' is not a valid offset: bad base64 encoding");
        }
        throw DaoError.invalidOffset("'" + token + "' is not a valid offset: bad json encoding");
    }
}
