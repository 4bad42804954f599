package io.gatehouse.store;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL of the plugins table. */
public interface PluginMapper extends EntityMapper {

    @Override
    @Select("SELECT * FROM plugins WHERE id = #{id}")
    Map<String, Object> findById(@Param("id") UUID id);

    @Override
    @Select("SELECT * FROM plugins WHERE instance_name = #{key}")
    Map<String, Object> findByKey(String key);

    @Override
    @Select("SELECT * FROM plugins "
            + "WHERE (#{after}::uuid IS NULL OR id > #{after}::uuid) "
            + "  AND (#{tagsAll}::text[] IS NULL OR tags @> #{tagsAll}::text[]) "
            + "  AND (#{tagsAny}::text[] IS NULL OR tags && #{tagsAny}::text[]) "
            + "  AND (#{route_id}::uuid IS NULL OR route_id = #{route_id}::uuid) "
            + "  AND (#{service_id}::uuid IS NULL OR service_id = #{service_id}::uuid) "
            + "  AND (#{consumer_id}::uuid IS NULL OR consumer_id = #{consumer_id}::uuid) "
            + "  AND (#{api_id}::uuid IS NULL OR api_id = #{api_id}::uuid) "
            + "ORDER BY id LIMIT #{limit}")
    List<Map<String, Object>> page(Map<String, Object> query);

    @Override
    @Select("SELECT * FROM plugins ORDER BY id")
    List<Map<String, Object>> all();

    @Override
    @Insert("INSERT INTO plugins (id, created_at, updated_at, name, instance_name, route_id, service_id, consumer_id, api_id, config, protocols, enabled, tags) "
            + "VALUES (#{id}, #{created_at}, #{updated_at}, #{name}, #{instance_name}, #{route_id}, #{service_id}, #{consumer_id}, #{api_id}, #{config}, #{protocols}, #{enabled}, #{tags})")
    int insert(Map<String, Object> row);

    @Override
    @Update("UPDATE plugins SET created_at = #{created_at}, updated_at = #{updated_at}, name = #{name}, instance_name = #{instance_name}, route_id = #{route_id}, service_id = #{service_id}, consumer_id = #{consumer_id}, api_id = #{api_id}, config = #{config}, protocols = #{protocols}, enabled = #{enabled}, tags = #{tags} "
            + "WHERE id = #{id}")
    int update(Map<String, Object> row);

    @Override
    @Delete("DELETE FROM plugins WHERE id = #{id}")
    int delete(@Param("id") UUID id);
}
