package io.gatehouse.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.store.LegacyApis;
import io.gatehouse.store.LegacyApis.Checked;
import io.gatehouse.store.LegacyApis.Write;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kong 0.13's apis validation (spec §1.10): values, defaults and the exact legacy messages. */
class LegacyApiValidationTest {

    /** A form body as the decoder hands it over: every value a string. */
    private static Map<String, Object> form(String... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put(pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private static Map<String, Object> errors(Map<String, Object> body, Write write) {
        Checked checked = LegacyApis.check(body, write);
        assertFalse(checked.ok(), "expected a validation error for " + body);
        return checked.errors();
    }

    private static Map<String, Object> valid(Map<String, Object> body) {
        Checked checked = LegacyApis.check(body, Write.INSERT);
        assertTrue(checked.ok(), () -> "expected valid, got " + checked.errors());
        return checked.entity();
    }

    @Test
    void theIssuesCurlBodyGetsEveryDefault() {
        Map<String, Object> api = valid(form("name", "api-key-auth", "uris", "/key-auth", "hosts", "key-auth.com",
                "upstream_url", "http://127.0.0.1:8241"));
        assertEquals("api-key-auth", api.get("name"));
        assertEquals(List.of("/key-auth"), api.get("uris"));
        assertEquals(List.of("key-auth.com"), api.get("hosts"));
        assertEquals(true, api.get("strip_uri"));
        assertEquals(false, api.get("preserve_host"));
        assertEquals(5L, api.get("retries"));
        assertEquals(60000L, api.get("upstream_connect_timeout"));
        assertEquals(60000L, api.get("upstream_send_timeout"));
        assertEquals(60000L, api.get("upstream_read_timeout"));
        assertEquals(false, api.get("https_only"));
        assertEquals(false, api.get("http_if_terminated"));
        assertFalse(api.containsKey("methods"), "unset fields stay absent");
    }

    @Test
    void requiredAndUnknownFieldsUseLegacyWording() {
        assertEquals(Map.of("upstream_url", "upstream_url is required"),
                errors(form("name", "a", "uris", "/x"), Write.INSERT));
        assertEquals(Map.of("foo", "foo is an unknown field"),
                errors(form("name", "a", "uris", "/x", "upstream_url", "http://h", "foo", "bar"), Write.INSERT));
        assertEquals(Map.of("name", "name is required", "upstream_url", "upstream_url is required"),
                errors(form(), Write.INSERT));
    }

    @Test
    void nameAllowsOnlyUnreservedCharacters() {
        assertEquals(Map.of("name", "name must only contain alphanumeric and '., -, _, ~' characters"),
                errors(form("name", "bad name", "uris", "/x", "upstream_url", "http://h"), Write.INSERT));
        valid(form("name", "ok.name-1_~", "uris", "/x", "upstream_url", "http://h"));
    }

    @Test
    void upstreamUrlMustBeHttpOrHttps() {
        assertEquals(Map.of("upstream_url", "Supported protocols are HTTP and HTTPS"),
                errors(form("name", "a", "uris", "/x", "upstream_url", "ftp://127.0.0.1:9"), Write.INSERT));
        assertEquals(Map.of("upstream_url", "upstream_url is not a url"),
                errors(form("name", "a", "uris", "/x", "upstream_url", "not a url"), Write.INSERT));
        valid(form("name", "a", "uris", "/x", "upstream_url", "HTTPS://example.com/base"));
    }

    @Test
    void hostsAreHostnamesWithOneWildcardAndNoPort() {
        assertNull(LegacyApis.hostError("example.com"));
        assertNull(LegacyApis.hostError("*.example.com"));
        assertNull(LegacyApis.hostError("example.*"));
        assertEquals("host with value 'x:80' is invalid: Invalid hostname", LegacyApis.hostError("x:80"));
        assertEquals("host with value 'bad host' is invalid: Invalid hostname", LegacyApis.hostError("bad host"));
        assertEquals("host with value 'a.*.com' is invalid: Invalid wildcard placement", LegacyApis.hostError("a.*.com"));
        assertEquals("host with value '*.example.*' is invalid: Only one wildcard is allowed", LegacyApis.hostError("*.example.*"));
        assertEquals(Map.of("hosts", "host with value 'x:80' is invalid: Invalid hostname"),
                errors(form("name", "a", "hosts", "x:80", "upstream_url", "http://h"), Write.INSERT));
    }

    @Test
    void commaSeparatedArraysAreSplitAsIn013() {
        Map<String, Object> api = valid(form("name", "a", "hosts", "a.com,b.com", "upstream_url", "http://h"));
        assertEquals(List.of("a.com", "b.com"), api.get("hosts"));
    }

    @Test
    void urisStartWithSlashAndLoseTheirTrailingSlash() {
        Map<String, Object> body = new LinkedHashMap<>(form("name", "a", "upstream_url", "http://h"));
        body.put("uris", List.of("/trail/", "/", "/a%20b"));
        assertEquals(List.of("/trail", "/", "/a%20b"), valid(body).get("uris"));
        assertEquals("uri with value 'x' is invalid: must be prefixed with slash", LegacyApis.uriError("x"));
        assertEquals("uri with value '/a//b' is invalid: invalid", LegacyApis.uriError("/a//b"));
        assertEquals("uri with value '/a%zz' is invalid: must use proper encoding; '%zz' is invalid",
                LegacyApis.uriError("/a%zz"));
        assertNull(LegacyApis.uriError("/users/\\d+"), "characters outside the unreserved set make a regex");
        assertTrue(LegacyApis.uriError("/users/(").startsWith("uri with value '/users/(' is invalid: invalid regex"));
    }

    @Test
    void methodsAreUppercase() {
        assertEquals(Map.of("methods", "method with value 'get' is invalid: invalid value"),
                errors(form("name", "a", "methods", "get", "upstream_url", "http://h"), Write.INSERT));
        assertEquals(List.of("GET", "POST"), valid(form("name", "a", "methods", "GET,POST", "upstream_url", "http://h")).get("methods"));
    }

    @Test
    void numbersAndBooleansAreTypedFromText() {
        Map<String, Object> api = valid(form("name", "a", "uris", "/x", "upstream_url", "http://h",
                "retries", "3", "strip_uri", "false", "upstream_read_timeout", "1000"));
        assertEquals(3L, api.get("retries"));
        assertEquals(false, api.get("strip_uri"));
        assertEquals(1000L, api.get("upstream_read_timeout"));
        assertEquals(Map.of("retries", "retries is not a number"),
                errors(form("name", "a", "uris", "/x", "upstream_url", "http://h", "retries", "many"), Write.INSERT));
        assertEquals(Map.of("strip_uri", "strip_uri is not a boolean"),
                errors(form("name", "a", "uris", "/x", "upstream_url", "http://h", "strip_uri", "yes"), Write.INSERT));
        assertEquals(Map.of("retries", "must be an integer between 0 and 32767"),
                errors(form("name", "a", "uris", "/x", "upstream_url", "http://h", "retries", "40000"), Write.INSERT));
        assertEquals(Map.of("upstream_send_timeout", "must be an integer between 1 and 2147483647"),
                errors(form("name", "a", "uris", "/x", "upstream_url", "http://h", "upstream_send_timeout", "0"), Write.INSERT));
    }

    @Test
    void insertNeedsAHostAUriOrAMethodButUpdatesDoNot() {
        Map<String, Object> body = form("name", "a", "upstream_url", "http://h");
        assertEquals(Map.of("message", "at least one of 'hosts', 'uris' or 'methods' must be specified"),
                errors(body, Write.INSERT));
        assertTrue(LegacyApis.check(body, Write.UPDATE).ok(), "0.13 skipped the self-check on updates");
    }

    @Test
    void createdAtIsAcceptedButOwnedByTheServer() {
        Map<String, Object> api = valid(form("name", "a", "uris", "/x", "upstream_url", "http://h", "created_at", "1500000000000"));
        assertFalse(api.containsKey("created_at"));
        assertEquals(Map.of("id", "id is not a valid uuid"),
                errors(form("id", "nope", "name", "a", "uris", "/x", "upstream_url", "http://h"), Write.INSERT));
    }

    @Test
    void legacyRenderingOmitsNulls() {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("id", "3f1e3b2c-0000-4000-8000-000000000001");
        stored.put("name", "a");
        stored.put("hosts", null);
        stored.put("updated_at", 1L);
        assertEquals(Map.of("id", "3f1e3b2c-0000-4000-8000-000000000001", "name", "a"),
                LegacyApisResource.legacyApi(stored));

        Map<String, Object> plugin = new LinkedHashMap<>();
        plugin.put("id", "3f1e3b2c-0000-4000-8000-000000000002");
        plugin.put("created_at", 1_700_000_000L);
        plugin.put("name", "key-auth");
        plugin.put("api", Map.of("id", "3f1e3b2c-0000-4000-8000-000000000001"));
        plugin.put("route", null);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("key_names", List.of("apikey"));
        config.put("anonymous", null);
        plugin.put("config", config);
        plugin.put("enabled", true);
        plugin.put("protocols", List.of("http"));
        Map<String, Object> legacy = LegacyApisResource.legacyPlugin(plugin);
        assertEquals(1_700_000_000_000L, legacy.get("created_at"));
        assertEquals("3f1e3b2c-0000-4000-8000-000000000001", legacy.get("api_id"));
        assertEquals(Map.of("key_names", List.of("apikey")), legacy.get("config"));
        assertEquals(List.of("id", "created_at", "name", "api_id", "config", "enabled"), List.copyOf(legacy.keySet()));
    }
}
