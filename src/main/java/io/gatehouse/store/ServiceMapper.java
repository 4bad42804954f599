package io.gatehouse.store;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL of the services table. */
public interface ServiceMapper extends EntityMapper {

    @Override
    @Select("SELECT * FROM services WHERE id = #{id}")
    Map<String, Object> findById(@Param("id") UUID id);

    @Override
    @Select("SELECT * FROM services WHERE name = #{key}")
    Map<String, Object> findByKey(String key);

    @Override
    @Select("SELECT * FROM services "
            + "WHERE (#{after}::uuid IS NULL OR id > #{after}::uuid) "
            + "  AND (#{tagsAll}::text[] IS NULL OR tags @> #{tagsAll}::text[]) "
            + "  AND (#{tagsAny}::text[] IS NULL OR tags && #{tagsAny}::text[]) "
            + "ORDER BY id LIMIT #{limit}")
    List<Map<String, Object>> page(Map<String, Object> query);

    @Override
    @Select("SELECT * FROM services ORDER BY id")
    List<Map<String, Object>> all();

    @Override
    @Insert("INSERT INTO services (id, created_at, updated_at, name, retries, protocol, host, port, path, connect_timeout, write_timeout, read_timeout, tags, client_certificate_id, tls_verify, tls_verify_depth, ca_certificates, enabled) "
            + "VALUES (#{id}, #{created_at}, #{updated_at}, #{name}, #{retries}, #{protocol}, #{host}, #{port}, #{path}, #{connect_timeout}, #{write_timeout}, #{read_timeout}, #{tags}, #{client_certificate_id}, #{tls_verify}, #{tls_verify_depth}, #{ca_certificates}, #{enabled})")
    int insert(Map<String, Object> row);

    @Override
    @Update("UPDATE services SET created_at = #{created_at}, updated_at = #{updated_at}, name = #{name}, retries = #{retries}, protocol = #{protocol}, host = #{host}, port = #{port}, path = #{path}, connect_timeout = #{connect_timeout}, write_timeout = #{write_timeout}, read_timeout = #{read_timeout}, tags = #{tags}, client_certificate_id = #{client_certificate_id}, tls_verify = #{tls_verify}, tls_verify_depth = #{tls_verify_depth}, ca_certificates = #{ca_certificates}, enabled = #{enabled} "
            + "WHERE id = #{id}")
    int update(Map<String, Object> row);

    @Override
    @Delete("DELETE FROM services WHERE id = #{id}")
    int delete(@Param("id") UUID id);
}
