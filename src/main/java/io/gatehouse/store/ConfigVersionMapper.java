package io.gatehouse.store;

import org.apache.ibatis.annotations.Select;

/** The cluster-wide configuration version that every committed write moves forward. */
public interface ConfigVersionMapper {

    String CHANNEL = "gatehouse_config";

    @Select("UPDATE gatehouse_config SET version = version + 1 RETURNING version")
    long bump();

    @Select("SELECT version FROM gatehouse_config")
    long current();

    /** Delivered to every listening node when the surrounding transaction commits. */
    @Select("SELECT pg_notify('" + CHANNEL + "', #{version})")
    Object notifyNodes(String version);
}
