package io.gatehouse.snapshot;

import io.gatehouse.store.EntityType;
import java.util.List;
import java.util.Map;

/** Read access to the stored configuration while a snapshot is being built. */
public interface SnapshotSource {

    /** Every row of the entity, in its Admin API (Kong) shape, ordered by primary key. */
    List<Map<String, Object>> all(EntityType type);
}
