package io.gatehouse.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.core.Json;
import io.gatehouse.schema.SchemaViolation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaoErrorTest {

    @Test
    void schemaViolationRendersKongsBody() {
        SchemaViolation violation = new SchemaViolation();
        violation.field("name", "required field missing");
        DaoError error = DaoError.schemaViolation(violation);
        assertEquals(400, error.status());
        assertEquals("{\"code\":2,\"name\":\"schema violation\",\"message\":\"schema violation (name: required field missing)\","
                + "\"fields\":{\"name\":\"required field missing\"}}", Json.write(error.toJson()));
    }

    @Test
    void uniqueViolationIs409() {
        DaoError error = DaoError.uniqueViolation("UNIQUE violation detected on '{name=\"svc\"}'", Map.of("name", "svc"));
        assertEquals(409, error.status());
        assertEquals(5, error.toJson().get("code"));
        assertEquals("unique constraint violation", error.toJson().get("name"));
    }

    @Test
    void sizeErrorsHaveNoFields() {
        DaoError error = DaoError.invalidSize("size must be a number");
        assertEquals("{\"code\":9,\"name\":\"invalid size\",\"message\":\"size must be a number\"}", Json.write(error.toJson()));
    }

    @Test
    void invalidOptionsUseTheOptionsKey() {
        DaoError error = DaoError.invalidOptions("invalid option (tags: invalid filter syntax)", Map.of("tags", "invalid filter syntax"));
        assertEquals(Map.of("tags", "invalid filter syntax"), error.toJson().get("options"));
    }

    @Test
    void urlShorthandSplitsIntoFields() {
        Map<String, Object> expanded = CoreEntities.expandUrl(Map.of("url", "https://example.com/api"));
        assertEquals("https", expanded.get("protocol"));
        assertEquals("example.com", expanded.get("host"));
        assertEquals(443L, expanded.get("port"));
        assertEquals("/api", expanded.get("path"));
        Map<String, Object> noPath = CoreEntities.expandUrl(Map.of("url", "http://example.com:8080"));
        assertEquals(8080L, noPath.get("port"));
        assertEquals(null, noPath.get("path"));
    }
}
