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
    /** ResponseFacade → its connector Response → the coyote Response; null off Tomcat. */
    private static final MethodHandle COYOTE_RESPONSE = coyoteResponseOfFacade();
    private static final MethodHandle SET_CONTENT_TYPE_NO_CHARSET = coyoteSetContentTypeNoCharset();

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
        if (COYOTE_RESPONSE != null && SET_CONTENT_TYPE_NO_CHARSET != null && value != null) {
            ServletResponse unwrapped = response;
            while (unwrapped instanceof ServletResponseWrapper wrapper) {
                unwrapped = wrapper.getResponse();
            }
            try {
                Object coyoteResponse = COYOTE_RESPONSE.invoke(unwrapped);
                SET_CONTENT_TYPE_NO_CHARSET.invoke(coyoteResponse, value);
                return;
            } catch (Throwable notTomcat) {
                // fall through to the portable way
            }
        }
        response.setContentType(value);
    }

    private static MethodHandle coyoteResponseOfFacade() {
        try {
            Class<?> facade = Class.forName("org.apache.catalina.connector.ResponseFacade");
            java.lang.reflect.Field field = facade.getDeclaredField("response");
            field.setAccessible(true);
            Class<?> connectorResponse = field.getType();
            MethodHandle getCoyote = MethodHandles.lookup().unreflect(connectorResponse.getMethod("getCoyoteResponse"));
            MethodHandle chain = MethodHandles.filterReturnValue(MethodHandles.lookup().unreflectGetter(field), getCoyote);
            return chain.asType(MethodType.methodType(Object.class, ServletResponse.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.fine("Content-Type values will be normalised by the container: " + e);
            return null;
        }
    }

    private static MethodHandle coyoteSetContentTypeNoCharset() {
        try {
            Class<?> coyoteResponse = Class.forName("org.apache.coyote.Response");
            return MethodHandles.lookup().unreflect(coyoteResponse.getMethod("setContentTypeNoCharset", String.class))
                    .asType(MethodType.methodType(void.class, Object.class, String.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
