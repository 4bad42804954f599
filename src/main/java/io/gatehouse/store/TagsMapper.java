package io.gatehouse.store;

import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Select;

/** Kong's read-only {@code tags} view: one row per (tag, entity). */
public interface TagsMapper {

    @Select("SELECT tag, entity_name, entity_id::text AS entity_id FROM ("
            + " SELECT unnest(tags) AS tag, 'services' AS entity_name, id AS entity_id FROM services"
            + " UNION ALL SELECT unnest(tags), 'routes', id FROM routes"
            + " UNION ALL SELECT unnest(tags), 'consumers', id FROM consumers"
            + " UNION ALL SELECT unnest(tags), 'plugins', id FROM plugins"
            + ") AS tagged WHERE (#{tag}::text IS NULL OR tag = #{tag}::text)"
            + " ORDER BY entity_id, tag OFFSET #{skip} LIMIT #{limit}")
    List<Map<String, Object>> page(Map<String, Object> query);
}
