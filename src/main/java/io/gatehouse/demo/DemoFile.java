package io.gatehouse.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The declarative demo file ({@code demo/gatehouse-demo.yml}): an ordered list of Admin API
 * calls, each with a {@code method}, a {@code path} and an optional {@code body} (sent as JSON).
 * <pre>
 * calls:
 *   - method: PUT
 *     path: /services/api-no-auth
 *     body:
 *       url: ${demo.no-auth}
 * </pre>
 * {@code ${name}} in any string value is replaced by the variable's value after parsing, so a
 * value can never change the file's structure. An unknown variable is an error.
 */
public final class DemoFile {

    /** The class-path location of the built-in file. */
    public static final String RESOURCE = "demo/gatehouse-demo.yml";

    /** One Admin API call. {@code body} is null (no body) or a JSON-ready map. */
    public record Call(String method, String path, Map<String, Object> body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> CALL_KEYS = Set.of("method", "path", "body");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private DemoFile() {
    }

    /** Parses the built-in file from the class path. */
    public static List<Call> builtIn(Map<String, String> variables) {
        try (InputStream in = DemoFile.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The demo file " + RESOURCE + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE, variables);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a demo file. {@code source} names it in error messages.
     *
     * @throws IllegalArgumentException when the file is not valid YAML or not a list of calls
     */
    public static List<Call> parse(String yaml, String source, Map<String, String> variables) {
        Object document;
        try (Reader reader = new StringReader(yaml)) {
            document = new Load(LoadSettings.builder().setLabel(source).build()).loadFromReader(reader);
        } catch (YamlEngineException | IOException e) {
            throw new IllegalArgumentException(source + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?> top) || !(top.get("calls") instanceof List<?> entries)) {
            throw new IllegalArgumentException(source + " must be a mapping with a 'calls' list");
        }
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String where = source + ", call " + (i + 1);
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                throw new IllegalArgumentException(where + ": expected a mapping with method, path and body");
            }
            for (Object key : entry.keySet()) {
                if (!CALL_KEYS.contains(key)) {
                    throw new IllegalArgumentException(where + ": unknown key '" + key + "' (expected method, path, body)");
                }
            }
            String method = entry.get("method") instanceof String m ? m.trim().toUpperCase(java.util.Locale.ROOT) : null;
            if (method == null || !METHODS.contains(method)) {
                throw new IllegalArgumentException(where + ": method must be one of GET, POST, PUT, PATCH, DELETE");
            }
            Object path = entry.get("path") instanceof String p ? substitute(p.trim(), variables, where) : null;
            if (!(path instanceof String text) || !text.startsWith("/") || text.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(where + ": path must start with '/' and contain no spaces");
            }
            Object body = entry.get("body");
            if (body != null && !(body instanceof Map)) {
                throw new IllegalArgumentException(where + ": body must be a mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> resolved = body == null ? null : (Map<String, Object>) substitute(body, variables, where);
            calls.add(new Call(method, text, resolved));
        }
        return List.copyOf(calls);
    }

    /** Replaces {@code ${name}} in every string of a parsed YAML tree; keys are left alone. */
    private static Object substitute(Object value, Map<String, String> variables, String where) {
        if (value instanceof String text) {
            Matcher matcher = VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String replacement = variables.get(matcher.group(1).trim());
                if (replacement == null) {
                    throw new IllegalArgumentException(where + ": unknown variable ${" + matcher.group(1)
                            + "} (known: " + String.join(", ", new java.util.TreeSet<>(variables.keySet())) + ")");
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            matcher.appendTail(out);
            return out.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, item) -> out.put(String.valueOf(key), substitute(item, variables, where)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(substitute(item, variables, where)));
            return out;
        }
        return value;
    }
}
