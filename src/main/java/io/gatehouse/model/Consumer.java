package io.gatehouse.model;

import java.util.List;
import java.util.UUID;

public record Consumer(UUID id, String username, String customId, List<String> tags, long createdAt) {
}
