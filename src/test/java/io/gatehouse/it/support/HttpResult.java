package io.gatehouse.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.util.List;

/**
 * One HTTP exchange as the client saw it: status, headers, raw body and, when the body is
 * JSON, its parsed tree ({@code json} is null otherwise).
 */
public record HttpResult(String method, String uri, int status, HttpHeaders headers, String body, JsonNode json) {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static HttpResult of(String method, String uri, int status, HttpHeaders headers, String body) {
        JsonNode json = null;
        if (body != null && !body.isBlank()) {
            try {
                json = MAPPER.readTree(body);
            } catch (Exception notJson) {
                json = null;
            }
        }
        return new HttpResult(method, uri, status, headers, body, json);
    }

    /** The first value of a response header, or null. */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public List<String> headerValues(String name) {
        return headers.allValues(name);
    }

    /** A field of the JSON body ({@code MissingNode} when absent or when the body is not JSON). */
    public JsonNode get(String field) {
        return json == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : json.path(field);
    }

    /** A field's text, or null when it is absent or JSON null. */
    public String text(String field) {
        JsonNode node = get(field);
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    public String id() {
        return text("id");
    }

    @Override
    public String toString() {
        return method + " " + uri + " -> " + status + " " + body;
    }
}
