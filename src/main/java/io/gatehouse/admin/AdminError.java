package io.gatehouse.admin;

import java.util.Map;

/** An Admin API error with a fixed body, such as {@code {"message":"Not found"}}. */
public final class AdminError extends RuntimeException {

    private final int status;
    private final Object body;

    public AdminError(int status, Object body) {
        super(String.valueOf(body), null, false, false);
        this.status = status;
        this.body = body;
    }

    public static AdminError message(int status, String message) {
        return new AdminError(status, Map.of("message", message));
    }

    public static AdminError notFound() {
        return message(404, "Not found");
    }

    public int status() {
        return status;
    }

    public Object body() {
        return body;
    }
}
