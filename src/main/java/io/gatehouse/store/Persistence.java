package io.gatehouse.store;

import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.type.JdbcType;

/** Builds MyBatis over the database, with every entity's mapper registered. */
public final class Persistence {

    private Persistence() {
    }

    public static SqlSessionFactory sessions(DataSource dataSource, EntityRegistry entities) {
        Configuration configuration = new Configuration(new Environment("gatehouse", new JdbcTransactionFactory(), dataSource));
        configuration.setJdbcTypeForNull(JdbcType.OTHER);
        configuration.setCallSettersOnNulls(true);
        configuration.setReturnInstanceForEmptyRow(false);
        configuration.setDefaultStatementTimeout(30);
        configuration.addMapper(ConfigVersionMapper.class);
        configuration.addMapper(TagsMapper.class);
        for (EntityType type : entities.all()) {
            if (!configuration.hasMapper(type.mapper())) {
                configuration.addMapper(type.mapper());
            }
        }
        return new SqlSessionFactoryBuilder().build(configuration);
    }
}
