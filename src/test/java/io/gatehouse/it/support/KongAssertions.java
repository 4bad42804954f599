package io.gatehouse.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/** Assertions on Kong-shaped Admin API answers. */
public final class KongAssertions {

    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private KongAssertions() {
    }

    public static HttpResult assertStatus(int expected, HttpResult result) {
        assertEquals(expected, result.status(), () -> "unexpected status for " + result);
        return result;
    }

    /** Status plus the whole JSON body, compared as JSON (object key order ignored). */
    public static HttpResult assertBody(int status, String expectedJson, HttpResult result) {
        assertStatus(status, result);
        assertNotNull(result.json(), () -> "body is not JSON: " + result);
        assertEquals(Json.parse(expectedJson), result.json(), () -> "unexpected body for " + result);
        return result;
    }

    public static void assertJson(String expectedJson, JsonNode actual, String what) {
        assertEquals(Json.parse(expectedJson), actual, () -> "unexpected " + what + ": " + actual);
    }

    /** The object has exactly these keys (Kong renders every field, unset ones as null). */
    public static void assertKeys(JsonNode object, String... keys) {
        Set<String> actual = new TreeSet<>();
        object.fieldNames().forEachRemaining(actual::add);
        assertEquals(new TreeSet<>(Arrays.asList(keys)), actual, () -> "unexpected keys in " + object);
    }

    public static void assertUuid(JsonNode value) {
        assertTrue(value != null && value.isTextual() && UUID_TEXT.matcher(value.asText()).matches(),
                () -> "expected a lower-case UUID, got " + value);
    }

    /** created_at / updated_at: integer Unix seconds close to now. */
    public static void assertRecentSeconds(JsonNode value) {
        assertTrue(value != null && value.isIntegralNumber(), () -> "expected integer seconds, got " + value);
        long now = System.currentTimeMillis() / 1000;
        assertTrue(Math.abs(now - value.asLong()) < 600, () -> "not a recent Unix time in seconds: " + value);
    }

    /** Texts of an array node, in order. */
    public static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array == null || !array.isArray()) {
            fail("expected an array, got " + array);
        }
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The ids of the entities in {@code data}, in order. */
    public static List<String> ids(HttpResult page) {
        List<String> out = new ArrayList<>();
        JsonNode data = page.get("data");
        assertTrue(data.isArray(), () -> "no data array in " + page);
        data.forEach(n -> out.add(n.path("id").asText()));
        return out;
    }

    /** Kong orders lists by primary key; for UUIDs that is PostgreSQL's byte order = lower-case text order. */
    public static List<String> sortedIds(List<String> ids) {
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(String::compareTo);
        return sorted;
    }

    public static String randomUuid() {
        return UUID.randomUUID().toString();
    }

    public static boolean arrayContainsText(JsonNode array, String text) {
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            if (text.equals(it.next().asText())) {
                return true;
            }
        }
        return false;
    }
}
