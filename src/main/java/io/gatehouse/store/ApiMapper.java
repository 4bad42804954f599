package io.gatehouse.store;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Result;
import org.apache.ibatis.annotations.ResultMap;
import org.apache.ibatis.annotations.Results;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.apache.ibatis.type.ObjectTypeHandler;

/**
 * SQL of Kong 0.13's legacy {@code apis} table. Besides the generic statements, {@link #page}
 * and {@link #count} take 0.13's list filters: every scalar column as an equality filter
 * ({@code /apis?name=foo}) and the array columns as "contains this value". An absent key is no
 * filter, so {@link EntityStore#page} can use the same statement.
 *
 * <p>The UUID parameters carry {@code @Param}: MyBatis has no type handler for a lone
 * {@link UUID} and would otherwise look for a getter named {@code id} on it. The array columns
 * are read with {@link ObjectTypeHandler}, i.e. as {@link java.sql.Array}, which is what
 * {@link RowCodec} turns into lists (MyBatis's default for them yields a bare {@code String[]}).
 */
public interface ApiMapper extends EntityMapper {

    /** The filter clauses shared by {@link #page} and {@link #count}. */
    String FILTERS = "WHERE (#{after}::uuid IS NULL OR id > #{after}::uuid) "
            + "  AND (#{id}::uuid IS NULL OR id = #{id}::uuid) "
            + "  AND (#{created_at}::bigint IS NULL OR created_at = #{created_at}::bigint) "
            + "  AND (#{name}::text IS NULL OR name = #{name}::text) "
            + "  AND (#{hosts}::text IS NULL OR #{hosts}::text = ANY (hosts)) "
            + "  AND (#{uris}::text IS NULL OR #{uris}::text = ANY (uris)) "
            + "  AND (#{methods}::text IS NULL OR #{methods}::text = ANY (methods)) "
            + "  AND (#{upstream_url}::text IS NULL OR upstream_url = #{upstream_url}::text) "
            + "  AND (#{strip_uri}::boolean IS NULL OR strip_uri = #{strip_uri}::boolean) "
            + "  AND (#{preserve_host}::boolean IS NULL OR preserve_host = #{preserve_host}::boolean) "
            + "  AND (#{retries}::integer IS NULL OR retries = #{retries}::integer) "
            + "  AND (#{upstream_connect_timeout}::integer IS NULL OR upstream_connect_timeout = #{upstream_connect_timeout}::integer) "
            + "  AND (#{upstream_send_timeout}::integer IS NULL OR upstream_send_timeout = #{upstream_send_timeout}::integer) "
            + "  AND (#{upstream_read_timeout}::integer IS NULL OR upstream_read_timeout = #{upstream_read_timeout}::integer) "
            + "  AND (#{https_only}::boolean IS NULL OR https_only = #{https_only}::boolean) "
            + "  AND (#{http_if_terminated}::boolean IS NULL OR http_if_terminated = #{http_if_terminated}::boolean) ";

    @Override
    @Select("SELECT * FROM apis WHERE id = #{id}")
    @Results(id = "apiRow", value = {
            @Result(column = "hosts", property = "hosts", typeHandler = ObjectTypeHandler.class),
            @Result(column = "uris", property = "uris", typeHandler = ObjectTypeHandler.class),
            @Result(column = "methods", property = "methods", typeHandler = ObjectTypeHandler.class)})
    Map<String, Object> findById(@Param("id") UUID id);

    @Override
    @Select("SELECT * FROM apis WHERE name = #{key}")
    @ResultMap("apiRow")
    Map<String, Object> findByKey(String key);

    @Override
    @Select("SELECT * FROM apis " + FILTERS + "ORDER BY id LIMIT #{limit}")
    @ResultMap("apiRow")
    List<Map<String, Object>> page(Map<String, Object> query);

    /** How many rows match the filters of {@code query} ({@code after} and {@code limit} are ignored). */
    @Select("SELECT count(*) FROM apis " + FILTERS)
    long count(Map<String, Object> query);

    @Override
    @Select("SELECT * FROM apis ORDER BY id")
    @ResultMap("apiRow")
    List<Map<String, Object>> all();

    @Override
    @Insert("INSERT INTO apis (id, created_at, name, hosts, uris, methods, upstream_url, strip_uri, preserve_host, retries, upstream_connect_timeout, upstream_send_timeout, upstream_read_timeout, https_only, http_if_terminated) "
            + "VALUES (#{id}, #{created_at}, #{name}, #{hosts}, #{uris}, #{methods}, #{upstream_url}, #{strip_uri}, #{preserve_host}, #{retries}, #{upstream_connect_timeout}, #{upstream_send_timeout}, #{upstream_read_timeout}, #{https_only}, #{http_if_terminated})")
    int insert(Map<String, Object> row);

    @Override
    @Update("UPDATE apis SET created_at = #{created_at}, name = #{name}, hosts = #{hosts}, uris = #{uris}, methods = #{methods}, upstream_url = #{upstream_url}, strip_uri = #{strip_uri}, preserve_host = #{preserve_host}, retries = #{retries}, upstream_connect_timeout = #{upstream_connect_timeout}, upstream_send_timeout = #{upstream_send_timeout}, upstream_read_timeout = #{upstream_read_timeout}, https_only = #{https_only}, http_if_terminated = #{http_if_terminated} "
            + "WHERE id = #{id}")
    int update(Map<String, Object> row);

    @Override
    @Delete("DELETE FROM apis WHERE id = #{id}")
    int delete(@Param("id") UUID id);
}
