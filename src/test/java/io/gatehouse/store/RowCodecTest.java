package io.gatehouse.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.gatehouse.plugin.PluginRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rows come back from MyBatis in several shapes; the entity must not depend on which. */
class RowCodecTest {

    @Test
    void arraysAndJsonColumnsBecomeListsAndMaps() {
        UUID id = UUID.randomUUID();
        UUID serviceId = UUID.randomUUID();
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("protocols", new String[] {"http", "https"});
        row.put("paths", new String[] {"/a"});
        row.put("headers", "{\"x-version\":[\"1\"]}");
        row.put("service_id", serviceId);
        row.put("regex_priority", 3);

        Map<String, Object> route = RowCodec.toEntity(CoreEntities.ROUTES.schema(), row);

        assertEquals(id.toString(), route.get("id"));
        assertEquals(List.of("http", "https"), route.get("protocols"));
        assertEquals(List.of("/a"), route.get("paths"));
        assertEquals(Map.of("x-version", List.of("1")), route.get("headers"));
        assertEquals(Map.of("id", serviceId.toString()), route.get("service"));
        assertEquals(3L, route.get("regex_priority"));
        assertEquals(null, route.get("hosts"), "unset fields are rendered as null");
    }

    @Test
    void legacyApiScopeIsHiddenFromKong3PluginsUnlessSet() {
        EntityType plugins = PluginEntity.create(new PluginRegistry(List.of(), List.of()));
        Map<String, Object> row = new HashMap<>();
        row.put("id", UUID.randomUUID());
        row.put("config", "{}");
        Map<String, Object> plugin = RowCodec.toEntity(plugins.schema(), row);
        assertFalse(plugin.containsKey("api"));
        assertEquals(Map.of(), plugin.get("config"));
    }

    @Test
    void writesJdbcReadyValues() {
        Map<String, Object> row = RowCodec.toRow(CoreEntities.ROUTES.schema(),
                Map.of("id", "6e6a3b8c-36b5-4e8e-8c0a-2f1f6c1c1c1c", "paths", List.of("/a"),
                        "service", Map.of("id", "0b0e1c1e-36b5-4e8e-8c0a-2f1f6c1c1c1c")));
        assertEquals(UUID.fromString("6e6a3b8c-36b5-4e8e-8c0a-2f1f6c1c1c1c"), row.get("id"));
        assertEquals(List.of("/a"), List.of((String[]) row.get("paths")));
        assertEquals(UUID.fromString("0b0e1c1e-36b5-4e8e-8c0a-2f1f6c1c1c1c"), row.get("service_id"));
    }
}
