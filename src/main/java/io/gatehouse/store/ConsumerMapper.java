package io.gatehouse.store;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL of the consumers table. */
public interface ConsumerMapper extends EntityMapper {

    @Override
    @Select("SELECT * FROM consumers WHERE id = #{id}")
    Map<String, Object> findById(@Param("id") UUID id);

    @Override
    @Select("SELECT * FROM consumers WHERE username = #{key}")
    Map<String, Object> findByKey(String key);

    @Override
    @Select("SELECT * FROM consumers "
            + "WHERE (#{after}::uuid IS NULL OR id > #{after}::uuid) "
            + "  AND (#{tagsAll}::text[] IS NULL OR tags @> #{tagsAll}::text[]) "
            + "  AND (#{tagsAny}::text[] IS NULL OR tags && #{tagsAny}::text[]) "
            + "ORDER BY id LIMIT #{limit}")
    List<Map<String, Object>> page(Map<String, Object> query);

    @Select("SELECT * FROM consumers WHERE custom_id = #{customId}")
    Map<String, Object> findByCustomId(String customId);

    @Override
    @Select("SELECT * FROM consumers ORDER BY id")
    List<Map<String, Object>> all();

    @Override
    @Insert("INSERT INTO consumers (id, created_at, updated_at, username, custom_id, tags) "
            + "VALUES (#{id}, #{created_at}, #{updated_at}, #{username}, #{custom_id}, #{tags})")
    int insert(Map<String, Object> row);

    @Override
    @Update("UPDATE consumers SET created_at = #{created_at}, updated_at = #{updated_at}, username = #{username}, custom_id = #{custom_id}, tags = #{tags} "
            + "WHERE id = #{id}")
    int update(Map<String, Object> row);

    @Override
    @Delete("DELETE FROM consumers WHERE id = #{id}")
    int delete(@Param("id") UUID id);
}
