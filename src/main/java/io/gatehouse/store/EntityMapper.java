package io.gatehouse.store;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The statements every entity table offers. Each table's mapper re-declares these methods with
 * its own SQL, so the generic store can drive any entity while every statement stays explicit.
 * Rows are maps keyed by column name; values are JDBC-ready (see {@link RowCodec}).
 */
public interface EntityMapper {

    Map<String, Object> findById(UUID id);

    /** Lookup by the endpoint key (name, username, key...). */
    Map<String, Object> findByKey(String key);

    /**
     * One page ordered by id. Query keys: {@code after} (UUID or null), {@code limit},
     * {@code tagsAll} / {@code tagsAny} (String[] or null), and optional parent filters
     * such as {@code service_id} or {@code consumer_id}.
     */
    List<Map<String, Object>> page(Map<String, Object> query);

    /** Every row, ordered by id, for snapshot building. */
    List<Map<String, Object>> all();

    int insert(Map<String, Object> row);

    /** Full replace of the row with the same id. */
    int update(Map<String, Object> row);

    int delete(UUID id);
}
