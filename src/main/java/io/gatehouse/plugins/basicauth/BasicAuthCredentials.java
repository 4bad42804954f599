package io.gatehouse.plugins.basicauth;

import io.gatehouse.schema.Field;
import io.gatehouse.store.CoreEntities;
import io.gatehouse.store.EntityType;
import java.util.Map;
import java.util.Objects;

/** The {@code basicauth_credentials} entity: {@code /basic-auths} and {@code /consumers/{c}/basic-auth}. */
final class BasicAuthCredentials {

    static final EntityType TYPE = new EntityType("basicauth_credentials", "basic-auths", "username",
            CoreEntities.base("basicauth_credentials")
                    .add(Field.foreign("consumer", "consumers").required())
                    .add(Field.string("username").unique().required())
                    .add(Field.string("password").required())
                    .add(CoreEntities.tags()),
            BasicAuthCredentialMapper.class,
            Map.of("consumers", "basic-auth"),
            new EntityType.Hooks() {
                /** Only the hash is stored; an unchanged hash (a PATCH of other fields) is kept. */
                @Override
                public Map<String, Object> beforeStore(Map<String, Object> credential, Map<String, Object> previous) {
                    Object password = credential.get("password");
                    boolean unchanged = previous != null && Objects.equals(password, previous.get("password"))
                            && PasswordHash.isHash((String) password);
                    if (!unchanged) {
                        credential.put("password", PasswordHash.hash((String) password));
                    }
                    return credential;
                }
            });

    private BasicAuthCredentials() {
    }
}
