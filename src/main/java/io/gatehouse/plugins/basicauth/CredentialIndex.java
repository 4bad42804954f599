package io.gatehouse.plugins.basicauth;

import io.gatehouse.snapshot.SnapshotSource;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** basic-auth credentials of one snapshot, by username. */
final class CredentialIndex {

    record Credential(UUID id, UUID consumerId, String username, String passwordHash) {
    }

    private final Map<String, Credential> byUsername;

    private CredentialIndex(Map<String, Credential> byUsername) {
        this.byUsername = byUsername;
    }

    @SuppressWarnings("unchecked")
    static CredentialIndex build(SnapshotSource source) {
        Map<String, Credential> byUsername = new HashMap<>();
        for (Map<String, Object> row : source.all(BasicAuthCredentials.TYPE)) {
            UUID consumerId = UUID.fromString((String) ((Map<String, Object>) row.get("consumer")).get("id"));
            String username = (String) row.get("username");
            byUsername.put(username, new Credential(UUID.fromString((String) row.get("id")), consumerId, username,
                    (String) row.get("password")));
        }
        return new CredentialIndex(Map.copyOf(byUsername));
    }

    Credential find(String username) {
        return byUsername.get(username);
    }
}
