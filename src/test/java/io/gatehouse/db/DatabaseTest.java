package io.gatehouse.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.core.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Choosing the database: an external PostgreSQL when a URL is configured, never the embedded one then. */
class DatabaseTest {

    @Test
    void anExternalDatabaseIsUsedAndNoEmbeddedOneStarts() throws Exception {
        Path externalData = Files.createTempDirectory("gatehouse-external-pg");
        Path home = Files.createTempDirectory("gatehouse-home");
        // A real, separately started PostgreSQL plays the external server.
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().setDataDirectory(externalData).start()) {
            Settings settings = new Settings(name -> null, Map.of(
                    "GATEHOUSE_HOME", home.toString(),
                    "GATEHOUSE_DATABASE_URL", "jdbc:postgresql://localhost:" + external.getPort() + "/postgres",
                    "GATEHOUSE_DATABASE_USER", "postgres"));
            try (Database database = Database.open(settings)) {
                assertFalse(database.isEmbedded());
                assertTrue(database.reachable());
                assertTrue(database.description().contains(":" + external.getPort() + "/"), database.description());
            }
            assertFalse(Files.exists(home.resolve("pgdata")), "no embedded data directory was created");
        }
    }

    @Test
    void withoutAUrlTheEmbeddedDatabaseKeepsItsDataInHome() throws Exception {
        Path home = Files.createTempDirectory("gatehouse-home");
        Settings settings = new Settings(name -> null, Map.of("GATEHOUSE_HOME", home.toString()));
        try (Database database = Database.open(settings)) {
            assertTrue(database.isEmbedded());
            assertTrue(database.reachable());
        }
        assertTrue(Files.exists(home.resolve("pgdata").resolve("PG_VERSION")), "data directory under home");
    }
}
