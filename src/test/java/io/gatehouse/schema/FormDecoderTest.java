package io.gatehouse.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.store.CoreEntities;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormDecoderTest {

    @Test
    void dottedKeysNest() {
        Map<String, Object> decoded = FormDecoder.decodeUrlEncoded("name=rate&config.minute=5&config.policy=local");
        assertEquals(Map.of("minute", "5", "policy", "local"), decoded.get("config"));
        assertEquals("rate", decoded.get("name"));
    }

    @Test
    void arraysFromRepeatedKeysBracketsAndIndices() {
        assertEquals(List.of("a", "b"), FormDecoder.decodeUrlEncoded("hosts=a&hosts=b").get("hosts"));
        assertEquals(List.of("a", "b"), FormDecoder.decodeUrlEncoded("hosts[]=a&hosts[]=b").get("hosts"));
        assertEquals(List.of("only"), FormDecoder.decodeUrlEncoded("hosts[]=only").get("hosts"));
        Map<String, Object> indexed = FormDecoder.decodeUrlEncoded("hosts[2]=b&hosts[1]=a");
        Field hosts = CoreEntities.ROUTES.schema().field("hosts");
        assertEquals(List.of("a", "b"), Coercion.coerce(hosts, indexed.get("hosts")));
    }

    @Test
    void mapsWithBrackets() {
        Map<String, Object> decoded = FormDecoder.decodeUrlEncoded("headers[x-foo]=bar&headers.x-baz[]=qux");
        assertEquals(Map.of("x-foo", "bar", "x-baz", List.of("qux")), decoded.get("headers"));
    }

    @Test
    void emptyStringMeansNull() {
        Map<String, Object> decoded = FormDecoder.decodeUrlEncoded("path=&name=svc");
        assertTrue(decoded.containsKey("path"));
        assertNull(decoded.get("path"));
    }

    @Test
    void percentAndPlusDecoding() {
        assertEquals("a b/c", FormDecoder.decodeUrlEncoded("name=a+b%2Fc").get("name"));
    }

    @Test
    void tooManyArgumentsIsRefused() {
        String body = "a=1&".repeat(FormDecoder.MAX_ARGUMENTS + 1);
        assertThrows(FormDecoder.TooManyArguments.class, () -> FormDecoder.decodeUrlEncoded(body));
    }

    @Test
    void coercionFollowsTheSchema() {
        Schema services = CoreEntities.SERVICES.schema();
        Map<String, Object> typed = Coercion.coerceRecord(services,
                FormDecoder.decodeUrlEncoded("port=8080&enabled=false&tags=one&retries=x"));
        assertEquals(8080L, typed.get("port"));
        assertEquals(false, typed.get("enabled"));
        assertEquals(List.of("one"), typed.get("tags"));
        assertEquals("x", typed.get("retries"), "a value that is not a number stays as sent, for validation to report");
    }
}
