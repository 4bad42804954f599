package io.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.core.Settings;
import io.gatehouse.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stand-alone migration command, against a real (embedded) PostgreSQL. */
class MigrationsTest {

    @Test
    void upCreatesEveryTableOnceAndIsIdempotent() throws Exception {
        Path home = Files.createTempDirectory("gatehouse-migrations-test");
        Map<String, String> environment = Map.of("GATEHOUSE_HOME", home.toString());
        Settings settings = new Settings(name -> null, environment);

        int first = Migrations.up(settings);
        int second = Migrations.up(settings);

        assertTrue(first >= 3, "core, key-auth and basic-auth migrations are applied the first time, got " + first);
        assertEquals(0, second, "a second run finds nothing to do");
        try (Database database = Database.open(settings);
             Connection connection = database.dataSource().getConnection();
             ResultSet tables = connection.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME"));
            }
            assertTrue(names.containsAll(List.of("services", "routes", "consumers", "plugins", "apis",
                    "keyauth_credentials", "basicauth_credentials", "gatehouse_config")), names.toString());
        }
    }
}
