package io.gatehouse.plugins.keyauth;

import io.gatehouse.snapshot.SnapshotSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every key-auth key of one snapshot, in memory. Lookups go by the key's SHA-256 and the stored
 * key is then compared in constant time, so response timing does not leak key prefixes.
 */
final class KeyIndex {

    record Credential(UUID id, UUID consumerId, byte[] key) {
    }

    private final Map<String, Credential> byDigest;

    private KeyIndex(Map<String, Credential> byDigest) {
        this.byDigest = byDigest;
    }

    @SuppressWarnings("unchecked")
    static KeyIndex build(SnapshotSource source) {
        List<Map<String, Object>> rows = source.all(KeyAuthCredentials.TYPE);
        Map<String, Credential> byDigest = new HashMap<>(rows.size() * 2);
        for (Map<String, Object> row : rows) {
            String key = (String) row.get("key");
            UUID consumerId = UUID.fromString((String) ((Map<String, Object>) row.get("consumer")).get("id"));
            byDigest.put(digest(key), new Credential(UUID.fromString((String) row.get("id")), consumerId,
                    key.getBytes(StandardCharsets.UTF_8)));
        }
        return new KeyIndex(Map.copyOf(byDigest));
    }

    /** The credential whose key equals {@code presented}, or null. */
    Credential find(String presented) {
        Credential candidate = byDigest.get(digest(presented));
        if (candidate == null) {
            return null;
        }
        return MessageDigest.isEqual(candidate.key(), presented.getBytes(StandardCharsets.UTF_8)) ? candidate : null;
    }

    int size() {
        return byDigest.size();
    }

    /** getInstance searches the security providers on every call; each thread keeps one instance. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static String digest(String key) {
        byte[] hash = SHA256.get().digest(key.getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(hash);
    }
}
