package io.gatehouse.plugins.basicauth;

import io.gatehouse.store.EntityMapper;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL of the basicauth_credentials table. */
public interface BasicAuthCredentialMapper extends EntityMapper {

    @Override
    @Select("SELECT * FROM basicauth_credentials WHERE id = #{id}")
    Map<String, Object> findById(@Param("id") UUID id);

    @Override
    @Select("SELECT * FROM basicauth_credentials WHERE username = #{key}")
    Map<String, Object> findByKey(String key);

    @Override
    @Select("SELECT * FROM basicauth_credentials "
            + "WHERE (#{after}::uuid IS NULL OR id > #{after}::uuid) "
            + "  AND (#{tagsAll}::text[] IS NULL OR tags @> #{tagsAll}::text[]) "
            + "  AND (#{tagsAny}::text[] IS NULL OR tags && #{tagsAny}::text[]) "
            + "  AND (#{consumer_id}::uuid IS NULL OR consumer_id = #{consumer_id}::uuid) "
            + "ORDER BY id LIMIT #{limit}")
    List<Map<String, Object>> page(Map<String, Object> query);

    @Override
    @Select("SELECT * FROM basicauth_credentials ORDER BY id")
    List<Map<String, Object>> all();

    @Override
    @Insert("INSERT INTO basicauth_credentials (id, created_at, updated_at, consumer_id, username, password, tags) VALUES (#{id}, #{created_at}, #{updated_at}, #{consumer_id}, #{username}, #{password}, #{tags})")
    int insert(Map<String, Object> row);

    @Override
    @Update("UPDATE basicauth_credentials SET created_at = #{created_at}, updated_at = #{updated_at}, consumer_id = #{consumer_id}, username = #{username}, password = #{password}, tags = #{tags} WHERE id = #{id}")
    int update(Map<String, Object> row);

    @Override
    @Delete("DELETE FROM basicauth_credentials WHERE id = #{id}")
    int delete(@Param("id") UUID id);
}
