package io.gatehouse.plugins.basicauth;

import io.gatehouse.schema.Describe;

/** basic-auth's configuration; this record is its schema. */
public record BasicAuthConfig(
        @Describe(value = "Consumer id or username to use when authentication fails, instead of rejecting the request.")
        String anonymous,
        @Describe(value = "Remove the Authorization (or Proxy-Authorization) header before proxying.",
                defaultJson = "false", required = true)
        boolean hideCredentials,
        @Describe(value = "Realm sent in the WWW-Authenticate header of a 401.", defaultJson = "\"service\"")
        String realm) {
}
