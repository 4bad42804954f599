package io.gatehouse.store;

import static io.gatehouse.schema.Rules.isEmpty;

import io.gatehouse.schema.Field;
import io.gatehouse.schema.FieldType;
import io.gatehouse.schema.Rules;
import io.gatehouse.schema.Schema;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Kong 3.10's core entities: services, routes and consumers (plugins live in {@link PluginEntity}). */
public final class CoreEntities {

    private static final long MAX_TIMEOUT = 2147483646L;

    private CoreEntities() {
    }

    /** Fields every entity starts with. */
    public static Schema base(String name) {
        return new Schema(name)
                .add(Field.string("id").auto().validate(value -> io.gatehouse.schema.Uuids.isValid((String) value) ? null : "expected a valid UUID"))
                .add(Field.integer("created_at").auto())
                .add(Field.integer("updated_at").auto());
    }

    public static Field tags() {
        return Field.set("tags", Field.element(FieldType.STRING).validate(Rules.TAG))
                .description("A set of strings for grouping and filtering.");
    }

    public static final EntityType SERVICES = new EntityType("services", "services", "name", serviceSchema(),
            ServiceMapper.class, null, new EntityType.Hooks() {
                @Override
                public Map<String, Object> expandShorthands(Map<String, Object> input, boolean partial) {
                    return expandUrl(input);
                }
            });

    public static final EntityType ROUTES = new EntityType("routes", "routes", "name", routeSchema(),
            RouteMapper.class, Map.of("services", "routes"), null);

    public static final EntityType CONSUMERS = new EntityType("consumers", "consumers", "username", consumerSchema(),
            ConsumerMapper.class, null, null);

    private static Schema serviceSchema() {
        return base("services")
                .add(Field.string("name").unique().validate(Rules.UTF8_NAME))
                .add(Field.integer("retries").defaultValue(5L).between(0, 32767))
                .add(Field.string("protocol").required().defaultValue("http")
                        .oneOf("grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp"))
                .add(Field.string("host").required().validate(Rules.HOST))
                .add(Field.integer("port").required().defaultValue(80L).between(0, 65535))
                .add(Field.string("path").validate(Rules.PATH))
                .add(Field.integer("connect_timeout").defaultValue(60000L).between(1, MAX_TIMEOUT))
                .add(Field.integer("write_timeout").defaultValue(60000L).between(1, MAX_TIMEOUT))
                .add(Field.integer("read_timeout").defaultValue(60000L).between(1, MAX_TIMEOUT))
                .add(tags())
                .add(Field.foreign("client_certificate", "certificates"))
                .add(Field.bool("tls_verify"))
                .add(Field.integer("tls_verify_depth").between(0, 64))
                .add(Field.array("ca_certificates", Field.element(FieldType.STRING)))
                .add(Field.bool("enabled").required().defaultValue(true))
                .add(Field.string("url").writeOnly())
                .check("path must be null for stream and gRPC protocols", service -> {
                    Object protocol = service.get("protocol");
                    if (service.get("path") != null && Set.of("tcp", "tls", "udp", "grpc", "grpcs").contains(protocol)) {
                        return "value must be null when 'protocol' is '" + protocol + "'";
                    }
                    return null;
                });
    }

    /**
     * Kong's {@code url} shorthand: split into protocol, host, port and path. A URL without a
     * path clears the path, as Kong does, also on PATCH.
     */
    static Map<String, Object> expandUrl(Map<String, Object> input) {
        if (!input.containsKey("url")) {
            return input;
        }
        Map<String, Object> out = new LinkedHashMap<>(input);
        Object url = out.remove("url");
        if (url == null) {
            return out;
        }
        String text = String.valueOf(url);
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            int port = uri.getPort();
            if (scheme == null) {
                scheme = port == 443 ? "https" : "http";
            }
            if (port < 0) {
                port = scheme.equals("https") ? 443 : 80;
            }
            out.put("protocol", scheme);
            out.put("host", uri.getHost());
            out.put("port", (long) port);
            String path = uri.getRawPath();
            out.put("path", path == null || path.isEmpty() ? null : path);
        } catch (URISyntaxException e) {
            out.put("host", null);
            out.put("path", text);
        }
        return out;
    }

    private static Schema routeSchema() {
        Schema schema = base("routes")
                .add(Field.string("name").unique().validate(Rules.UTF8_NAME))
                .add(Field.set("protocols", Field.element(FieldType.STRING)
                                .oneOf("grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp"))
                        .required().defaultValue(List.of("http", "https")).minLength(1))
                .add(Field.set("methods", Field.element(FieldType.STRING).validate(Rules.HTTP_METHOD)))
                .add(Field.array("hosts", Field.element(FieldType.STRING).validate(Rules.ROUTE_HOST)))
                .add(Field.array("paths", Field.element(FieldType.STRING).validate(Rules.ROUTE_PATH)))
                .add(Field.map("headers", Field.array("", Field.element(FieldType.STRING)))
                        .validate(CoreEntities::checkHeaders))
                .add(Field.set("snis", Field.element(FieldType.STRING)))
                .add(Field.set("sources", Field.record("", endpointSchema())))
                .add(Field.set("destinations", Field.record("", endpointSchema())))
                .add(Field.integer("https_redirect_status_code").required().defaultValue(426L)
                        .oneOf("426", "301", "302", "307", "308"))
                .add(Field.integer("regex_priority").defaultValue(0L))
                .add(Field.bool("strip_path").required().defaultValue(true))
                .add(Field.string("path_handling").defaultValue("v0").oneOf("v0", "v1"))
                .add(Field.bool("preserve_host").required().defaultValue(false))
                .add(Field.bool("request_buffering").required().defaultValue(true))
                .add(Field.bool("response_buffering").required().defaultValue(true))
                .add(tags())
                .add(Field.foreign("service", "services"));
        schema.check("protocol groups are mutually exclusive", CoreEntities::checkProtocolGroups);
        schema.check("matching fields required for the protocols", CoreEntities::checkMatchingFields);
        schema.fieldCondition("snis", "length must be 0", route -> !isEmpty(route.get("snis")) && !allowsSnis(route));
        return schema;
    }

    private static Schema endpointSchema() {
        return new Schema("@endpoint")
                .add(Field.string("ip"))
                .add(Field.integer("port").between(0, 65535));
    }

    private static String checkHeaders(Object value) {
        for (Object name : ((Map<?, ?>) value).keySet()) {
            String header = String.valueOf(name);
            if (header.equalsIgnoreCase("host")) {
                return "cannot contain 'host' header, which must be specified in the 'hosts' attribute";
            }
            String bad = Rules.HEADER_NAME_RULE.apply(header);
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    private static String checkProtocolGroups(Map<String, Object> route) {
        @SuppressWarnings("unchecked")
        List<String> protocols = (List<String>) route.get("protocols");
        if (protocols == null) {
            return null;
        }
        List<Set<String>> groups = List.of(Set.of("http", "https"), Set.of("tcp", "tls", "udp"),
                Set.of("tls_passthrough"), Set.of("grpc", "grpcs"));
        for (Set<String> group : groups) {
            if (group.containsAll(protocols)) {
                return null;
            }
        }
        return "these sets are mutually exclusive: ('http', 'https'), ('tcp', 'tls', 'udp'), ('tls_passthrough'), ('grpc', 'grpcs')";
    }

    @SuppressWarnings("unchecked")
    private static String checkMatchingFields(Map<String, Object> route) {
        List<String> protocols = (List<String>) route.get("protocols");
        if (protocols == null) {
            return null;
        }
        boolean stream = protocols.stream().anyMatch(p -> Set.of("tcp", "tls", "udp", "tls_passthrough").contains(p));
        if (!stream) {
            for (String field : List.of("sources", "destinations")) {
                if (!isEmpty(route.get(field))) {
                    return "cannot set '" + field + "' when 'protocols' is 'http' or 'https'";
                }
            }
        }
        if (!isEmpty(route.get("snis")) && !allowsSnis(route)) {
            return "'snis' can only be set when 'protocols' is 'grpcs', 'https', 'tls' or 'tls_passthrough'";
        }
        List<String> candidates = new ArrayList<>(List.of("methods", "hosts", "headers", "paths"));
        if (protocols.contains("https")) {
            candidates.add("snis");
        }
        if (stream) {
            return null;
        }
        for (String field : candidates) {
            if (!isEmpty(route.get(field))) {
                return null;
            }
        }
        String protocol = protocols.contains("https") ? "https" : protocols.get(0);
        return "must set one of " + String.join(", ", candidates.stream().map(f -> "'" + f + "'").toList())
                + " when 'protocols' is '" + protocol + "'";
    }

    @SuppressWarnings("unchecked")
    private static boolean allowsSnis(Map<String, Object> route) {
        List<String> protocols = (List<String>) route.get("protocols");
        return protocols != null
                && protocols.stream().anyMatch(p -> Set.of("https", "grpcs", "tls", "tls_passthrough").contains(p));
    }

    private static Schema consumerSchema() {
        return base("consumers")
                .add(Field.string("username").unique())
                .add(Field.string("custom_id").unique())
                .add(tags())
                .check("at least one of username or custom_id", consumer ->
                        isEmpty(consumer.get("username")) && isEmpty(consumer.get("custom_id"))
                                ? "at least one of these fields must be non-empty: 'custom_id', 'username'"
                                : null);
    }
}
