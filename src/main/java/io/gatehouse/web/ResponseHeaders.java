package io.gatehouse.web;

import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.logging.Logger;

/**
 * Sends response headers exactly as given. Tomcat re-renders any Content-Type that carries a
 * charset ({@code application/json; charset=utf-8} becomes {@code application/json;charset=utf-8}),
 * which changes upstream headers passing through and Kong's own header text. On Tomcat the value
 * is therefore handed to the connector unparsed; elsewhere it falls back to the servlet API.
 */
public final class ResponseHeaders {

    private static final Logger LOG = Logger.getLogger(ResponseHeaders.class.getName());
    private static final MethodHandle CONNECTOR_RESPONSE = connectorResponseField();

    private ResponseHeaders() {
    }

    public static void add(HttpServletResponse response, String name, String value) {
        if (name.equalsIgnoreCase("Content-Type")) {
            setContentType(response, value);
        } else {
            response.addHeader(name, value);
        }
    }

    public static void setContentType(ServletResponse response, String value) {
        if (CONNECTOR_RESPONSE != null && value != null) {
            ServletResponse unwrapped = response;
            while (unwrapped instanceof ServletResponseWrapper wrapper) {
                unwrapped = wrapper.getResponse();
            }
            try {
                Object connectorResponse = CONNECTOR_RESPONSE.invoke(unwrapped);
                Object coyoteResponse = connectorResponse.getClass().getMethod("getCoyoteResponse").invoke(connectorResponse);
                coyoteResponse.getClass().getMethod("setContentTypeNoCharset", String.class).invoke(coyoteResponse, value);
                return;
            } catch (Throwable notTomcat) {
                // fall through to the portable way
            }
        }
        response.setContentType(value);
    }

    private static MethodHandle connectorResponseField() {
        try {
            Class<?> facade = Class.forName("org.apache.catalina.connector.ResponseFacade");
            java.lang.reflect.Field field = facade.getDeclaredField("response");
            field.setAccessible(true);
            return MethodHandles.lookup().unreflectGetter(field)
                    .asType(MethodType.methodType(Object.class, ServletResponse.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.fine("Content-Type values will be normalised by the container: " + e);
            return null;
        }
    }
}
