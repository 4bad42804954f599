package io.gatehouse.plugins.keyauth;

import io.gatehouse.schema.Field;
import io.gatehouse.store.CoreEntities;
import io.gatehouse.store.EntityType;
import java.security.SecureRandom;
import java.util.Map;

/** The {@code keyauth_credentials} entity: {@code /key-auths} and {@code /consumers/{c}/key-auth}. */
final class KeyAuthCredentials {

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    static final EntityType TYPE = new EntityType("keyauth_credentials", "key-auths", "key",
            CoreEntities.base("keyauth_credentials")
                    .add(Field.foreign("consumer", "consumers").required())
                    .add(Field.string("key").unique().required().auto().minLength(1))
                    .add(CoreEntities.tags()),
            KeyAuthCredentialMapper.class,
            Map.of("consumers", "key-auth"),
            new EntityType.Hooks() {
                @Override
                public Map<String, Object> beforeValidate(Map<String, Object> credential) {
                    if (credential.get("key") == null) {
                        credential.put("key", generateKey());
                    }
                    return credential;
                }
            });

    private KeyAuthCredentials() {
    }

    /** 32 random alphanumerics, as Kong generates. */
    static String generateKey() {
        StringBuilder key = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            key.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return key.toString();
    }
}
