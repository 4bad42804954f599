package io.gatehouse.store;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL of the routes table. */
public interface RouteMapper extends EntityMapper {

    @Override
    @Select("SELECT * FROM routes WHERE id = #{id}")
    Map<String, Object> findById(@Param("id") UUID id);

    @Override
    @Select("SELECT * FROM routes WHERE name = #{key}")
    Map<String, Object> findByKey(String key);

    @Override
    @Select("SELECT * FROM routes "
            + "WHERE (#{after}::uuid IS NULL OR id > #{after}::uuid) "
            + "  AND (#{tagsAll}::text[] IS NULL OR tags @> #{tagsAll}::text[]) "
            + "  AND (#{tagsAny}::text[] IS NULL OR tags && #{tagsAny}::text[]) "
            + "  AND (#{service_id}::uuid IS NULL OR service_id = #{service_id}::uuid) "
            + "ORDER BY id LIMIT #{limit}")
    List<Map<String, Object>> page(Map<String, Object> query);

    @Override
    @Select("SELECT * FROM routes ORDER BY id")
    List<Map<String, Object>> all();

    @Override
    @Insert("INSERT INTO routes (id, created_at, updated_at, name, protocols, methods, hosts, paths, headers, snis, sources, destinations, https_redirect_status_code, regex_priority, strip_path, path_handling, preserve_host, request_buffering, response_buffering, tags, service_id) "
            + "VALUES (#{id}, #{created_at}, #{updated_at}, #{name}, #{protocols}, #{methods}, #{hosts}, #{paths}, #{headers}, #{snis}, #{sources}, #{destinations}, #{https_redirect_status_code}, #{regex_priority}, #{strip_path}, #{path_handling}, #{preserve_host}, #{request_buffering}, #{response_buffering}, #{tags}, #{service_id})")
    int insert(Map<String, Object> row);

    @Override
    @Update("UPDATE routes SET created_at = #{created_at}, updated_at = #{updated_at}, name = #{name}, protocols = #{protocols}, methods = #{methods}, hosts = #{hosts}, paths = #{paths}, headers = #{headers}, snis = #{snis}, sources = #{sources}, destinations = #{destinations}, https_redirect_status_code = #{https_redirect_status_code}, regex_priority = #{regex_priority}, strip_path = #{strip_path}, path_handling = #{path_handling}, preserve_host = #{preserve_host}, request_buffering = #{request_buffering}, response_buffering = #{response_buffering}, tags = #{tags}, service_id = #{service_id} "
            + "WHERE id = #{id}")
    int update(Map<String, Object> row);

    @Override
    @Delete("DELETE FROM routes WHERE id = #{id}")
    int delete(@Param("id") UUID id);
}
