package io.gatehouse.proxy;

import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Closes the client connection without finishing the response. When the upstream breaks
 * mid-body, completing normally would write the final chunk and present a truncated body as
 * whole; a reset tells the client the truth. The Servlet API has no call for this, so Tomcat's
 * own {@code CLOSE_NOW} action is reached by reflection; on another container this is a no-op
 * and the response is just completed.
 */
final class ConnectionAbort {

    private ConnectionAbort() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static boolean closeNow(HttpServletResponse response) {
        try {
            Object connectorResponse = unwrap(response);
            Object coyote = connectorResponse.getClass().getMethod("getCoyoteResponse").invoke(connectorResponse);
            Class actionCode = Class.forName("org.apache.coyote.ActionCode", false, coyote.getClass().getClassLoader());
            Method action = coyote.getClass().getMethod("action", actionCode, Object.class);
            action.invoke(coyote, Enum.valueOf(actionCode, "CLOSE_NOW"), null);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Object unwrap(Object facade) throws ReflectiveOperationException {
        for (Class<?> type = facade.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField("response");
                field.setAccessible(true);
                return field.get(facade);
            } catch (NoSuchFieldException e) {
                // keep looking up the hierarchy
            }
        }
        throw new NoSuchFieldException("response");
    }
}
