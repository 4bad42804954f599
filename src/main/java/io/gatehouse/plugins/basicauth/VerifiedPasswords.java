package io.gatehouse.plugins.basicauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers the outcome of recent password checks so that a client sending the same
 * credentials again does not cost another PBKDF2 run, and a client repeating a wrong password
 * cannot make the node hash it again and again.
 *
 * <p>Entries are keyed by an HMAC (with a random per-process key) of the stored hash and the
 * presented password: the cache never holds a password or a fast unsalted hash of one, and a
 * changed credential (new stored hash) can never hit an old entry.
 */
final class VerifiedPasswords {

    private final byte[] secret = new byte[32];
    private final Cache<String, Boolean> outcomes = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();

    VerifiedPasswords() {
        new SecureRandom().nextBytes(secret);
    }

    boolean verify(String password, String storedHash) {
        return outcomes.get(key(password, storedHash), ignored -> PasswordHash.verify(password, storedHash));
    }

    private String key(String password, String storedHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(PasswordHash.utf8(storedHash));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(PasswordHash.utf8(password)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
