package io.gatehouse.snapshot;

import io.gatehouse.model.Api;
import io.gatehouse.model.Consumer;
import io.gatehouse.model.PluginInstance;
import io.gatehouse.model.Route;
import io.gatehouse.model.Service;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Converts stored entities (Kong's JSON shape) into the typed records the proxy reads. */
final class Rows {

    private Rows() {
    }

    static Service service(Map<String, Object> row) {
        return new Service(id(row), string(row, "name"), string(row, "protocol"), string(row, "host"),
                integer(row, "port"), string(row, "path"), integer(row, "retries"),
                integer(row, "connect_timeout"), integer(row, "write_timeout"), integer(row, "read_timeout"),
                bool(row, "enabled"), strings(row, "tags"), number(row, "created_at"));
    }

    @SuppressWarnings("unchecked")
    static Route route(Map<String, Object> row) {
        Map<String, List<String>> headers = row.get("headers") == null ? Map.of() : Map.copyOf((Map<String, List<String>>) row.get("headers"));
        return new Route(id(row), string(row, "name"), strings(row, "protocols"), strings(row, "methods"),
                strings(row, "hosts"), strings(row, "paths"), headers, strings(row, "snis"),
                integer(row, "https_redirect_status_code"), integer(row, "regex_priority"),
                bool(row, "strip_path"), bool(row, "preserve_host"), bool(row, "request_buffering"),
                bool(row, "response_buffering"), string(row, "path_handling"), foreign(row, "service"),
                strings(row, "tags"), number(row, "created_at"));
    }

    static Consumer consumer(Map<String, Object> row) {
        return new Consumer(id(row), string(row, "username"), string(row, "custom_id"), strings(row, "tags"),
                number(row, "created_at"));
    }

    static Api api(Map<String, Object> row) {
        return new Api(id(row), string(row, "name"), strings(row, "hosts"), strings(row, "uris"),
                strings(row, "methods"), string(row, "upstream_url"), bool(row, "strip_uri"),
                bool(row, "preserve_host"), integer(row, "retries"), integer(row, "upstream_connect_timeout"),
                integer(row, "upstream_send_timeout"), integer(row, "upstream_read_timeout"),
                bool(row, "https_only"), bool(row, "http_if_terminated"), number(row, "created_at"));
    }

    static PluginInstance plugin(Map<String, Object> row, Object config, Map<String, Object> rawConfig) {
        return new PluginInstance(id(row), string(row, "name"), string(row, "instance_name"),
                foreign(row, "route"), foreign(row, "service"), foreign(row, "consumer"), foreign(row, "api"),
                config, rawConfig, strings(row, "protocols"), bool(row, "enabled"), strings(row, "tags"),
                number(row, "created_at"));
    }

    static UUID id(Map<String, Object> row) {
        return UUID.fromString((String) row.get("id"));
    }

    static UUID foreign(Map<String, Object> row, String field) {
        Object reference = row.get(field);
        if (reference instanceof Map<?, ?> map && map.get("id") instanceof String id) {
            return UUID.fromString(id);
        }
        return null;
    }

    static String string(Map<String, Object> row, String field) {
        Object value = row.get(field);
        return value == null ? null : value.toString();
    }

    static int integer(Map<String, Object> row, String field) {
        Object value = row.get(field);
        return value == null ? 0 : ((Number) value).intValue();
    }

    static long number(Map<String, Object> row, String field) {
        Object value = row.get(field);
        return value == null ? 0 : ((Number) value).longValue();
    }

    static boolean bool(Map<String, Object> row, String field) {
        return Boolean.TRUE.equals(row.get(field));
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Map<String, Object> row, String field) {
        Object value = row.get(field);
        return value == null ? List.of() : List.copyOf((List<String>) value);
    }
}
