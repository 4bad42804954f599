package io.gatehouse.it;

import static io.gatehouse.it.support.KongAssertions.assertBody;
import static io.gatehouse.it.support.KongAssertions.assertKeys;
import static io.gatehouse.it.support.KongAssertions.assertStatus;
import static io.gatehouse.it.support.KongAssertions.ids;
import static io.gatehouse.it.support.KongAssertions.sortedIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.AdminClient;
import io.gatehouse.it.support.Deployments;
import io.gatehouse.it.support.HttpResult;
import io.gatehouse.it.support.Json;
import io.gatehouse.it.support.Names;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Cursor pagination (spec §2.4), tag filtering (§2.6) and the tags endpoints (§1.9). */
@ExtendWith(ArquillianExtension.class)
class PaginationTagsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    private final AdminClient admin = new AdminClient();

    private String newService(String... tags) {
        return assertStatus(201, admin.post("/services",
                Json.obj("name", Names.unique("svc"), "host", "example.com", "tags", List.of(tags)))).id();
    }

    @Test
    void pagesFollowNextInIdOrder() {
        String tag = Names.unique("page");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(newService(tag));
        }

        List<String> seen = new ArrayList<>();
        HttpResult page = assertStatus(200, admin.get("/services?tags=" + tag + "&size=2"));
        int pages = 0;
        while (true) {
            pages++;
            List<String> pageIds = ids(page);
            seen.addAll(pageIds);
            if (page.get("next").isNull()) {
                assertFalse(page.json().has("offset"), "no offset on the last page: " + page);
                assertEquals(1, pageIds.size(), "last page holds the fifth service");
                break;
            }
            assertEquals(2, pageIds.size(), "size=2 pages: " + page);
            String offset = page.text("offset");
            assertTrue(offset != null && !offset.isEmpty(), "offset token: " + page);
            assertNextUrl(page.text("next"), "/services", offset, tag, "2");
            page = assertStatus(200, admin.get(page.text("next")));
            assertTrue(pages < 5, "pagination terminates");
        }
        assertEquals(3, pages);
        assertEquals(sortedIds(created), seen, "every entity once, ordered by id");
    }

    @Test
    void nestedListNextKeepsTheParentPath() {
        String svc = Names.unique("svc");
        assertStatus(201, admin.post("/services", Json.obj("name", svc, "host", "example.com")));
        for (int i = 0; i < 2; i++) {
            assertStatus(201, admin.post("/services/" + svc + "/routes", Json.obj("paths", List.of("/n" + i))));
        }
        HttpResult page = assertStatus(200, admin.get("/services/" + svc + "/routes?size=1"));
        assertEquals(1, ids(page).size());
        String next = page.text("next");
        assertTrue(next.startsWith("/services/" + svc + "/routes?offset="), "nested next: " + next);
        HttpResult second = assertStatus(200, admin.get(next));
        assertEquals(1, ids(second).size());
        assertFalse(ids(page).equals(ids(second)));
    }

    @Test
    void emptyListHasNoOffsetAndNullNext() {
        assertBody(200, "{\"data\":[],\"next\":null}", admin.get("/services?tags=" + Names.unique("unused")));
    }

    @Test
    void invalidSizeIs400Code9() {
        String body = "{\"code\":9,\"name\":\"invalid size\",\"message\":\"size must be an integer between 1 and 1000\"}";
        assertBody(400, body, admin.get("/services?size=0"));
        assertBody(400, body, admin.get("/services?size=1001"));
        assertBody(400, "{\"code\":9,\"name\":\"invalid size\",\"message\":\"size must be a number\"}",
                admin.get("/services?size=abc"));
        assertStatus(200, admin.get("/services?size=1000"));
        assertStatus(200, admin.get("/consumers?size=1"));
    }

    @Test
    void invalidOffsetIs400Code7() {
        assertBody(400, "{\"code\":7,\"name\":\"invalid offset\","
                        + "\"message\":\"'@@@@' is not a valid offset: bad base64 encoding\"}",
                admin.get("/services?offset=@@@@"));
        assertStatus(400, admin.get("/routes?offset=@@@@"));
    }

    @Test
    void tagsCommaIsAndSlashIsOr() {
        String t1 = Names.unique("t1");
        String t2 = Names.unique("t2");
        String t3 = Names.unique("t3");
        String a = newService(t1, t2);
        String b = newService(t1);
        String c = newService(t3);

        assertEquals(List.of(a), ids(admin.get("/services?tags=" + t1 + "," + t2)));
        assertEquals(sortedIds(List.of(a, b)), ids(admin.get("/services?tags=" + t1)));
        assertEquals(sortedIds(List.of(a, c)), ids(admin.get("/services?tags=" + t2 + "/" + t3)));
        assertEquals(sortedIds(List.of(a, b, c)), ids(admin.get("/services?tags=" + t1 + "/" + t3)));
        assertEquals(List.of(), ids(admin.get("/services?tags=" + t1 + "," + t3)));

        HttpResult first = assertStatus(200, admin.get("/services?tags=" + t1 + "/" + t3 + "&size=1"));
        assertNextUrl(first.text("next"), "/services", first.text("offset"), t1 + "/" + t3, "1");
    }

    @Test
    void badTagFilters() {
        HttpResult mixed = assertStatus(400, admin.get("/services?tags=a,b/c"));
        assertEquals(11, mixed.get("code").asInt(), mixed.toString());
        assertEquals("invalid options", mixed.text("name"));
        assertEquals("invalid filter syntax", mixed.get("options").path("tags").asText(), mixed.toString());

        HttpResult many = assertStatus(400, admin.get("/services?tags=a,b,c,d,e,f"));
        assertEquals(11, many.get("code").asInt(), many.toString());
        assertEquals("cannot query more than 5 tags", many.get("options").path("tags").asText(), many.toString());
    }

    @Test
    void tagsEndpointsListTaggedEntities() {
        String tag = Names.unique("tagged");
        String service = newService(tag);
        String route = assertStatus(201, admin.post("/routes",
                Json.obj("paths", List.of("/tagged"), "tags", List.of(tag)))).id();
        String consumer = assertStatus(201, admin.post("/consumers",
                Json.obj("username", Names.unique("u"), "tags", List.of(tag)))).id();

        HttpResult byTag = assertStatus(200, admin.get("/tags/" + tag));
        Set<String> rows = new HashSet<>();
        for (JsonNode row : byTag.get("data")) {
            assertKeys(row, "tag", "entity_name", "entity_id");
            assertEquals(tag, row.path("tag").asText());
            rows.add(row.path("entity_name").asText() + "/" + row.path("entity_id").asText());
        }
        assertEquals(Set.of("services/" + service, "routes/" + route, "consumers/" + consumer), rows);
        assertTrue(byTag.get("next").isNull());

        List<JsonNode> all = admin.listAll("/tags?size=1000");
        long mine = all.stream().filter(row -> tag.equals(row.path("tag").asText())).count();
        assertEquals(3, mine, "/tags lists every tag row");
        assertBody(200, "{\"data\":[],\"next\":null}", admin.get("/tags/" + Names.unique("none")));
    }

    /** {@code next} is {@code <path>?offset=<offset>[&tags=<tags>][&size=<size>]}, in Kong's order. */
    private static void assertNextUrl(String next, String path, String offset, String tags, String size) {
        assertTrue(next != null && next.startsWith(path + "?"), "next: " + next);
        String[] params = next.substring(path.length() + 1).split("&");
        List<String> names = new ArrayList<>();
        for (String param : params) {
            String name = param.substring(0, param.indexOf('='));
            String value = URLDecoder.decode(param.substring(param.indexOf('=') + 1), StandardCharsets.UTF_8);
            names.add(name);
            switch (name) {
                case "offset" -> assertEquals(offset, value, "offset in next: " + next);
                case "tags" -> assertEquals(tags, value, "tags in next: " + next);
                case "size" -> assertEquals(size, value, "size in next: " + next);
                default -> throw new AssertionError("unexpected parameter in next: " + next);
            }
        }
        assertEquals(List.of("offset", "tags", "size"), names, "next keeps offset, tags and size: " + next);
    }
}
