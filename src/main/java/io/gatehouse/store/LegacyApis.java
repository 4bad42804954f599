package io.gatehouse.store;

import io.gatehouse.schema.Field;
import io.gatehouse.schema.FieldType;
import io.gatehouse.schema.Schema;
import io.gatehouse.schema.Uuids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Kong 0.13's legacy {@code apis} entity ({@code kong/dao/schemas/apis.lua}): a route and its
 * upstream in one row. It is registered like any core entity so the store, the snapshot and
 * plugin foreign keys ({@code plugins.api}) know it, but 0.13 validated with its own rules and
 * reported errors in its own shape ({@code {"name":"name is required"}}), so {@link #check}
 * runs those rules before the store's generic validation, which then only confirms them.
 */
public final class LegacyApis {

    /** 0.13's {@code check_u_int} upper bound, 2^31 - 1. */
    static final long MAX_TIMEOUT = 2147483647L;

    private static final Pattern NAME_FORBIDDEN = Pattern.compile("[^A-Za-z0-9_.\\-~]");
    /** Characters of a plain (non-regex) URI: RFC 3986 unreserved, '/' and percent escapes. */
    private static final Pattern PLAIN_URI = Pattern.compile("^[A-Za-z0-9.\\-_~/%]*$");
    private static final Pattern UPPERCASE = Pattern.compile("^[A-Z]+$");
    private static final Pattern HOST_CHARS = Pattern.compile("^[A-Za-z0-9\\-._]+$");
    private static final Pattern PORT_SUFFIX = Pattern.compile(":(\\d+)$");
    /** Lenient like LuaSocket's url.parse: a scheme and a non-empty authority make a URL. */
    private static final Pattern URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*)://([^/?#]+)");

    private LegacyApis() {
    }

    public static final EntityType TYPE = new EntityType("apis", "apis", "name", schema(), ApiMapper.class, null,
            new EntityType.Hooks() {
                @Override
                public Map<String, Object> beforeValidate(Map<String, Object> entity) {
                    Object uris = entity.get("uris");
                    if (uris instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
                        entity.put("uris", list.stream().map(uri -> stripTrailingSlash((String) uri)).toList());
                    }
                    return entity;
                }

                @Override
                public Map<String, Object> beforeStore(Map<String, Object> entity, Map<String, Object> previous) {
                    // The store stamps seconds; 0.13 kept created_at in milliseconds, set once on insert.
                    Object created = previous == null ? null : previous.get("created_at");
                    entity.put("created_at", created != null ? created : System.currentTimeMillis());
                    entity.remove("updated_at");
                    return entity;
                }
            });

    private static Schema schema() {
        return new Schema("apis")
                .add(Field.string("id").auto().validate(value -> Uuids.isValid((String) value) ? null : "expected a valid UUID"))
                .add(Field.integer("created_at").auto().description("Milliseconds, as in Kong 0.13."))
                // The store stamps updated_at on every write; 0.13 apis have no such column, so the
                // field is accepted and dropped (write-only fields are neither validated nor stored).
                .add(Field.integer("updated_at").auto().writeOnly())
                .add(Field.string("name").required().unique().validate(value -> nameError((String) value)))
                .add(Field.array("hosts", Field.element(FieldType.STRING)).validate(value -> eachError((List<?>) value, LegacyApis::hostError)))
                .add(Field.array("uris", Field.element(FieldType.STRING)).validate(value -> eachError((List<?>) value, LegacyApis::uriError)))
                .add(Field.array("methods", Field.element(FieldType.STRING)).validate(value -> eachError((List<?>) value, LegacyApis::methodError)))
                .add(Field.string("upstream_url").required().validate(value -> upstreamUrlError((String) value)))
                .add(Field.bool("strip_uri").required().defaultValue(true))
                .add(Field.bool("preserve_host").required().defaultValue(false))
                .add(Field.integer("retries").required().defaultValue(5L).between(0, 32767))
                .add(Field.integer("upstream_connect_timeout").required().defaultValue(60000L).between(1, MAX_TIMEOUT))
                .add(Field.integer("upstream_send_timeout").required().defaultValue(60000L).between(1, MAX_TIMEOUT))
                .add(Field.integer("upstream_read_timeout").required().defaultValue(60000L).between(1, MAX_TIMEOUT))
                .add(Field.bool("https_only").required().defaultValue(false))
                .add(Field.bool("http_if_terminated").required().defaultValue(false));
    }

    // ---- 0.13 validation ---------------------------------------------------------------

    /** Inserts run 0.13's self-check; updates (PATCH, PUT with an id) skip it, as 0.13 did. */
    public enum Write { INSERT, UPDATE }

    /**
     * The outcome of 0.13 validation: the entity to store (typed, defaults applied, URIs
     * normalised) or the 400 body, either per field ({@code {"retries":"..."}}) or, for the
     * self-check, {@code {"message":"..."}}.
     */
    public record Checked(Map<String, Object> entity, Map<String, Object> errors) {
        public boolean ok() {
            return errors == null;
        }
    }

    /**
     * Validates a request body the way 0.13's {@code validate_entity} did: values are coerced
     * from text (numbers, booleans, comma-separated arrays), then each field gets one message:
     * type, required or its rule. The self-check runs only when every field is fine.
     * {@code created_at} is accepted and ignored: the server owns it.
     */
    public static Checked check(Map<String, Object> input, Write write) {
        Schema schema = TYPE.schema();
        Map<String, Object> errors = new LinkedHashMap<>();
        Map<String, Object> entity = new LinkedHashMap<>();
        for (String key : input.keySet()) {
            Field field = schema.field(key);
            if (field == null || field.isWriteOnly()) {
                errors.put(key, key + " is an unknown field");
            }
        }
        for (Field field : schema.fields()) {
            String name = field.name();
            if (field.isWriteOnly() || name.equals("created_at")) {
                continue;
            }
            Object raw = input.get(name);
            if (raw == null) {
                if (field.defaultValue() != null) {
                    entity.put(name, field.defaultValue());
                } else if (field.isRequired()) {
                    errors.put(name, name + " is required");
                }
                continue;
            }
            Object value = coerce(field, raw);
            if (value == null) {
                errors.put(name, typeError(field));
                continue;
            }
            String error = ruleError(name, value);
            if (error != null) {
                errors.put(name, error);
                continue;
            }
            entity.put(name, name.equals("uris") ? normaliseUris(value) : value);
        }
        if (input.get("created_at") != null && coerce(schema.field("created_at"), input.get("created_at")) == null) {
            errors.put("created_at", "created_at is not a timestamp");
        }
        if (!errors.isEmpty()) {
            return new Checked(null, errors);
        }
        if (write == Write.INSERT && !hasMatchingField(entity)) {
            return new Checked(null, Map.of("message", "at least one of 'hosts', 'uris' or 'methods' must be specified"));
        }
        return new Checked(entity, null);
    }

    private static boolean hasMatchingField(Map<String, Object> entity) {
        for (String name : List.of("uris", "hosts", "methods")) {
            if (entity.get(name) instanceof List<?> list && !list.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** 0.13's "x is not a number" family; its article follows the Lua source ("an array"). */
    private static String typeError(Field field) {
        String type = switch (field.type()) {
            case INTEGER -> "number";
            case BOOLEAN -> "boolean";
            case ARRAY -> "array";
            default -> field.name().equals("upstream_url") ? "url" : "string";
        };
        if (field.name().equals("id")) {
            return "id is not a valid uuid"; // inferred: 0.13 left this to the database
        }
        return field.name() + " is not " + (type.equals("array") ? "an " : "a ") + type;
    }

    /** The value in its schema type, or null when it cannot be one (a type error). */
    public static Object coerce(Field field, Object raw) {
        return switch (field.type()) {
            case INTEGER -> number(raw);
            case BOOLEAN -> bool(raw);
            case ARRAY -> array(raw);
            default -> raw instanceof String text ? text.strip() : null;
        };
    }

    private static Object number(Object raw) {
        Object value = raw;
        if (raw instanceof String text) {
            try {
                value = Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (!(value instanceof Number number)) {
            return null;
        }
        double asDouble = number.doubleValue();
        if (Double.isNaN(asDouble) || Double.isInfinite(asDouble)) {
            return null;
        }
        // Integral values become longs; fractions stay doubles so the range rule can refuse them.
        return asDouble == Math.rint(asDouble) && Math.abs(asDouble) < 9.0e18 ? (Object) (long) asDouble : (Object) asDouble;
    }

    private static Boolean bool(Object raw) {
        if (raw instanceof Boolean flag) {
            return flag;
        }
        if (raw instanceof String text) {
            String lower = text.strip().toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return lower.equals("true");
            }
        }
        return null;
    }

    /**
     * 0.13 split a string on commas ({@code hosts=a.com,b.com}); form arrays arrive as lists,
     * and {@code hosts[1]=a&hosts[2]=b} as a map keyed by position.
     */
    private static List<Object> array(Object raw) {
        if (raw instanceof String text) {
            List<Object> out = new ArrayList<>();
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
            return out;
        }
        if (raw instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        if (raw instanceof Object[] stored) { // text[] columns as MyBatis reads them
            return new ArrayList<>(List.of(stored));
        }
        if (raw instanceof Map<?, ?> indexed && !indexed.isEmpty()
                && indexed.keySet().stream().allMatch(key -> String.valueOf(key).matches("\\d{1,9}"))) {
            Map<Integer, Object> ordered = new TreeMap<>();
            indexed.forEach((key, item) -> ordered.put(Integer.parseInt(String.valueOf(key)), item));
            return new ArrayList<>(ordered.values());
        }
        return null;
    }

    private static String ruleError(String field, Object value) {
        return switch (field) {
            case "id" -> Uuids.isValid((String) value) ? null : "id is not a valid uuid";
            case "name" -> nameError((String) value);
            case "hosts" -> eachError((List<?>) value, LegacyApis::hostError);
            case "uris" -> eachError((List<?>) value, LegacyApis::uriError);
            case "methods" -> eachError((List<?>) value, LegacyApis::methodError);
            case "upstream_url" -> upstreamUrlError((String) value);
            case "retries" -> integerBetween(value, 0, 32767);
            case "upstream_connect_timeout", "upstream_send_timeout", "upstream_read_timeout" -> integerBetween(value, 1, MAX_TIMEOUT);
            default -> null;
        };
    }

    private static String integerBetween(Object value, long min, long max) {
        if (value instanceof Long number && number >= min && number <= max) {
            return null;
        }
        return "must be an integer between " + min + " and " + max;
    }

    /** The first element's error, as 0.13 stopped at the first bad element. */
    private static String eachError(List<?> values, Function<Object, String> rule) {
        for (Object value : values) {
            String error = rule.apply(value);
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    // ---- 0.13's field rules, with its messages ----------------------------------------

    public static String nameError(String name) {
        return NAME_FORBIDDEN.matcher(name).find() ? "name must only contain alphanumeric and '., -, _, ~' characters" : null;
    }

    public static String upstreamUrlError(String url) {
        Matcher matcher = URL.matcher(url);
        if (!matcher.find()) {
            return "upstream_url is not a url";
        }
        String scheme = matcher.group(1).toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https") ? null : "Supported protocols are HTTP and HTTPS";
    }

    /** {@code host with value 'x' is invalid: <why>}, or null when the host is fine. */
    public static String hostError(Object value) {
        if (!(value instanceof String host)) {
            return "host with value '" + value + "' is invalid: must be a string";
        }
        String why = hostProblem(host);
        return why == null ? null : "host with value '" + host + "' is invalid: " + why;
    }

    private static String hostProblem(String host) {
        if (host.isBlank()) {
            return "host is empty";
        }
        // 0.13 validated the host with each wildcard replaced by a placeholder label.
        String probe = host.replace("*", "abc");
        if (!isPortlessHostname(probe)) {
            return "Invalid hostname";
        }
        long wildcards = host.chars().filter(c -> c == '*').count();
        if (wildcards > 1) {
            return "Only one wildcard is allowed";
        }
        if (wildcards == 1) {
            int at = host.indexOf('*');
            boolean leftmost = at == 0 && host.startsWith("*.");
            boolean rightmost = at == host.length() - 1 && host.length() >= 3 && host.endsWith(".*");
            if (!leftmost && !rightmost) {
                return "Invalid wildcard placement";
            }
        }
        return null;
    }

    /** 0.13's {@code normalize_ip}: a name or an IP address, and no port. */
    private static boolean isPortlessHostname(String host) {
        if (host.indexOf(':') != host.lastIndexOf(':')) {
            return !host.startsWith("[") || host.endsWith("]"); // IPv6, without a port
        }
        if (PORT_SUFFIX.matcher(host).find() || host.contains(":")) {
            return false;
        }
        if (!HOST_CHARS.matcher(host).matches()) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty() || label.endsWith("-")) {
                return false;
            }
        }
        return true;
    }

    /** {@code uri with value 'x' is invalid: <why>}, or null when the URI is fine. */
    public static String uriError(Object value) {
        if (!(value instanceof String uri)) {
            return "uri with value '" + value + "' is invalid: must be a string";
        }
        String why = uriProblem(uri);
        return why == null ? null : "uri with value '" + uri + "' is invalid: " + why;
    }

    private static String uriProblem(String uri) {
        if (uri.isBlank()) {
            return "uri is empty";
        }
        if (!uri.startsWith("/")) {
            return "must be prefixed with slash";
        }
        if (uri.contains("//")) {
            return "invalid";
        }
        if (PLAIN_URI.matcher(uri).matches()) {
            String escaped = uri.replaceAll("%[0-9A-Fa-f]{2}", "___");
            int bad = escaped.indexOf('%');
            if (bad >= 0) {
                return "must use proper encoding; '" + uri.substring(bad, Math.min(uri.length(), bad + 3)) + "' is invalid";
            }
            return null;
        }
        // Anything outside the unreserved characters makes the URI a regex in 0.13 (no '~' prefix).
        try {
            Pattern.compile(uri);
            return null;
        } catch (PatternSyntaxException e) {
            return "invalid regex: '" + uri + "' (PCRE returned: " + e.getDescription() + ")";
        }
    }

    public static String methodError(Object value) {
        if (!(value instanceof String method)) {
            return "method with value '" + value + "' is invalid: must be a string";
        }
        if (method.isBlank()) {
            return "method with value '" + method + "' is invalid: method is empty";
        }
        return UPPERCASE.matcher(method).matches() ? null : "method with value '" + method + "' is invalid: invalid value";
    }

    /** 0.13 stored URIs without their trailing slash, except for "/" itself. */
    public static String stripTrailingSlash(String uri) {
        return uri.length() > 1 && uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    private static List<Object> normaliseUris(Object uris) {
        List<Object> out = new ArrayList<>();
        for (Object uri : (List<?>) uris) {
            out.add(stripTrailingSlash((String) uri));
        }
        return out;
    }
}
