package io.gatehouse.admin;

import io.gatehouse.store.DaoError;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Renders every failure in Kong's shapes; nothing reaches a client as a stack trace. */
final class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    static final class Dao implements ExceptionMapper<DaoError> {
        @Override
        public Response toResponse(DaoError error) {
            return Responses.json(error.status(), error.toJson());
        }
    }

    static final class Admin implements ExceptionMapper<AdminError> {
        @Override
        public Response toResponse(AdminError error) {
            if (error.body() == null) {
                return Response.status(error.status()).build();
            }
            return Responses.json(error.status(), error.body());
        }
    }

    /** Jersey's own 404, 405 and 415, and anything else unexpected. */
    static final class Everything implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable error) {
            if (error instanceof NotFoundException) {
                return Responses.json(404, java.util.Map.of("message", "Not found"));
            }
            if (error instanceof NotAllowedException) {
                return Responses.json(405, java.util.Map.of("message", "Method not allowed"));
            }
            if (error instanceof NotSupportedException) {
                return Response.status(415).build();
            }
            if (error instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
                int status = web.getResponse().getStatus();
                return Responses.json(status, java.util.Map.of("message", status == 400 ? "Bad request" : "Request rejected"));
            }
            LOG.log(Level.SEVERE, "Unexpected error in the Admin API", error);
            return Responses.json(500, java.util.Map.of("message", "An unexpected error occurred"));
        }
    }
}
