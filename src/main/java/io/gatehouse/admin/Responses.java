package io.gatehouse.admin;

import jakarta.ws.rs.core.Response;

/** Kong's Admin API answers JSON with an explicit UTF-8 charset. */
public final class Responses {

    public static final String JSON = "application/json; charset=utf-8";

    private Responses() {
    }

    public static Response json(int status, Object body) {
        return Response.status(status).type(JSON).entity(body).build();
    }

    public static Response ok(Object body) {
        return json(200, body);
    }

    public static Response created(Object body) {
        return json(201, body);
    }

    public static Response noContent() {
        return Response.noContent().build();
    }
}
