package io.gatehouse.plugins.keyauth;

import io.gatehouse.schema.Describe;
import java.util.List;

/** key-auth's configuration; this record is its schema. */
public record KeyAuthConfig(
        @Describe(value = "Names of the headers, query arguments or body fields that may carry the key.",
                defaultJson = "[\"apikey\"]", required = true, minLength = 1)
        List<String> keyNames,
        @Describe(value = "Remove the key from the request before proxying it.", defaultJson = "false", required = true)
        boolean hideCredentials,
        @Describe(value = "Consumer id or username to use when authentication fails, instead of rejecting the request.")
        String anonymous,
        @Describe(value = "Look for the key in request headers.", defaultJson = "true", required = true)
        boolean keyInHeader,
        @Describe(value = "Look for the key in the query string.", defaultJson = "true", required = true)
        boolean keyInQuery,
        @Describe(value = "Look for the key in a form, multipart or JSON body (the body is then buffered).",
                defaultJson = "false", required = true)
        boolean keyInBody,
        @Describe(value = "Authenticate CORS preflight (OPTIONS) requests too.", defaultJson = "true", required = true)
        boolean runOnPreflight,
        @Describe(value = "Realm sent in the WWW-Authenticate header of a 401.")
        String realm) {
}
