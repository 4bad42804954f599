package io.gatehouse.schema;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes form arguments into a nested structure with Kong's conventions: dotted keys nest
 * ({@code config.minute=5}), {@code a[]=} always makes an array, {@code a[1]=} indexes one,
 * {@code m[k]=} sets a map entry, repeated keys make an array, and an empty value means null.
 * Values stay strings; {@link Coercion} types them once the schema is known.
 */
public final class FormDecoder {

    /** Kong refuses bodies with more arguments than this. */
    public static final int MAX_ARGUMENTS = 1000;

    private static final Object APPEND = new Object();

    public static final class TooManyArguments extends RuntimeException {
        public TooManyArguments() {
            super("Too many arguments");
        }
    }

    private FormDecoder() {
    }

    public static Map<String, Object> decodeUrlEncoded(String body) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String key = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                pairs.add(new SimpleEntry<>(urlDecode(key), urlDecode(value)));
            }
        }
        return decode(pairs);
    }

    public static Map<String, Object> decode(List<Map.Entry<String, String>> pairs) {
        if (pairs.size() > MAX_ARGUMENTS) {
            throw new TooManyArguments();
        }
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : pairs) {
            String value = pair.getValue().isEmpty() ? null : pair.getValue();
            insert(root, segments(pair.getKey()), value);
        }
        return root;
    }

    private static List<Object> segments(String key) {
        List<Object> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.') {
                flush(current, out);
            } else if (c == '[') {
                int close = key.indexOf(']', i);
                if (close < 0) {
                    current.append(key, i, key.length());
                    break;
                }
                flush(current, out);
                String inside = key.substring(i + 1, close);
                out.add(inside.isEmpty() ? APPEND : inside);
                i = close;
            } else {
                current.append(c);
            }
        }
        flush(current, out);
        return out;
    }

    private static void flush(StringBuilder current, List<Object> out) {
        if (current.length() > 0) {
            out.add(current.toString());
            current.setLength(0);
        }
    }

    @SuppressWarnings("unchecked")
    private static void insert(Map<String, Object> root, List<Object> path, String value) {
        if (path.isEmpty() || path.get(0) == APPEND) {
            return;
        }
        Map<String, Object> node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String name = (String) path.get(i);
            Object next = path.get(i + 1);
            if (next == APPEND) {
                Object existing = node.get(name);
                List<Object> list = existing instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
                if (existing != null && !(existing instanceof List<?>)) {
                    list.add(existing);
                }
                list.add(value);
                node.put(name, list);
                return;
            }
            Object child = node.get(name);
            if (!(child instanceof Map<?, ?>)) {
                child = new LinkedHashMap<String, Object>();
                node.put(name, child);
            }
            node = (Map<String, Object>) child;
        }
        String leaf = (String) path.get(path.size() - 1);
        if (node.containsKey(leaf)) {
            Object existing = node.get(leaf);
            List<Object> list;
            if (existing instanceof List<?> l) {
                list = (List<Object>) l;
            } else {
                list = new ArrayList<>();
                list.add(existing);
            }
            list.add(value);
            node.put(leaf, list);
        } else {
            node.put(leaf, value);
        }
    }

    private static String urlDecode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
