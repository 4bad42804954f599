package io.gatehouse.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.store.CoreEntities;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidatorTest {

    private static SchemaViolation validate(Schema schema, Map<String, Object> input) {
        return Validator.validate(schema, Defaults.apply(schema, input));
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    @Test
    void missingRequiredField() {
        SchemaViolation violation = validate(CoreEntities.SERVICES.schema(), map("name", "svc"));
        assertEquals("schema violation (host: required field missing)", violation.message());
        assertEquals(Map.of("host", "required field missing"), violation.fieldsJson());
    }

    @Test
    void unknownFieldAndTypeErrorsAreSortedAndCounted() {
        SchemaViolation violation = validate(CoreEntities.SERVICES.schema(),
                map("host", "example.com", "port", "eighty", "foo", 1, "protocol", "gopher"));
        assertEquals("3 schema violations (foo: unknown field; port: expected an integer; "
                + "protocol: expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp)", violation.message());
    }

    @Test
    void rangesAndNames() {
        SchemaViolation violation = validate(CoreEntities.SERVICES.schema(),
                map("host", "example.com", "port", 70000L, "name", "bad name"));
        Map<String, Object> fields = violation.fieldsJson();
        assertEquals("value should be between 0 and 65535", fields.get("port"));
        assertEquals("invalid value 'bad name': the only accepted ascii characters are alphanumerics or ., -, _, and ~",
                fields.get("name"));
    }

    @Test
    void hostMustNotHaveAPort() {
        SchemaViolation violation = validate(CoreEntities.SERVICES.schema(), map("host", "example.com:80"));
        assertEquals("must not have a port", violation.fieldsJson().get("host"));
    }

    @Test
    void routeNeedsAMatchingField() {
        SchemaViolation violation = validate(CoreEntities.ROUTES.schema(), map());
        assertEquals("schema violation (must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' when 'protocols' is 'https')",
                violation.message());
        assertEquals(List.of("must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' when 'protocols' is 'https'"),
                violation.fieldsJson().get("@entity"));
    }

    @Test
    void routePathRules() {
        SchemaViolation violation = validate(CoreEntities.ROUTES.schema(),
                map("paths", List.of("/ok", "nope", "/a/../b", "~/(unclosed")));
        Object errors = violation.fieldsJson().get("paths");
        assertTrue(errors instanceof List<?>);
        List<?> perElement = (List<?>) errors;
        assertEquals(null, perElement.get(0));
        assertEquals("should start with: / (fixed path) or ~/ (regex path)", perElement.get(1));
        assertEquals("non-normalized path, consider use '/b' instead", perElement.get(2));
        assertTrue(String.valueOf(perElement.get(3)).startsWith("invalid regex: '/(unclosed'"));
        assertTrue(violation.message().startsWith("3 schema violations (paths.2: should start with"));
    }

    @Test
    void routeHostWildcards() {
        assertEquals(null, Rules.ROUTE_HOST.apply("*.example.com"));
        assertEquals(null, Rules.ROUTE_HOST.apply("example.*"));
        assertEquals(null, Rules.ROUTE_HOST.apply("example.com:8000"));
        assertEquals("only one wildcard must be specified", Rules.ROUTE_HOST.apply("*.example.*"));
        assertEquals("wildcard must be leftmost or rightmost character", Rules.ROUTE_HOST.apply("ex*ample.com"));
    }

    @Test
    void consumerNeedsUsernameOrCustomId() {
        SchemaViolation violation = validate(CoreEntities.CONSUMERS.schema(), map());
        assertEquals("schema violation (at least one of these fields must be non-empty: 'custom_id', 'username')",
                violation.message());
    }

    @Test
    void tagsAreASetOfPlainStrings() {
        SchemaViolation violation = validate(CoreEntities.CONSUMERS.schema(), map("username", "u", "tags", List.of("a", "a", "b/c")));
        List<?> errors = (List<?>) violation.fieldsJson().get("tags");
        assertEquals("duplicate set element: a", errors.get(1));
        assertTrue(String.valueOf(errors.get(2)).startsWith("invalid tag 'b/c'"));
    }

    @Test
    void defaultsFillNestedRecords() {
        record Limits(@Describe(value = "per minute", defaultJson = "5") int minute,
                      @Describe(value = "policy", defaultJson = "\"local\"", oneOf = {"local", "cluster"}) String policy) {
        }
        Schema schema = new Schema("plugin").add(Field.record("config", RecordSchemas.of(Limits.class)));
        Map<String, Object> filled = Defaults.apply(schema, map("config", map("minute", 9L)));
        assertEquals(map("minute", 9L, "policy", "local"), filled.get("config"));
        SchemaViolation violation = Validator.validate(schema, Defaults.apply(schema, map("config", map("policy", "x"))));
        assertEquals("schema violation (config.policy: expected one of: cluster, local)", violation.message());
        assertEquals(Map.of("config", Map.of("policy", "expected one of: cluster, local")), violation.fieldsJson());
    }
}
