package io.gatehouse.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An ordered, case-insensitive multimap of header fields. Order matters for a proxy:
 * repeated fields such as {@code Set-Cookie} and {@code Via} must keep the order the
 * sender used, which a plain map would lose.
 */
public final class HeaderList {

    /** One field as sent on the wire. */
    public record Field(String name, String value) {
    }

    private final List<Field> fields = new ArrayList<>();

    public List<Field> fields() {
        return fields;
    }

    public void add(String name, String value) {
        fields.add(new Field(name, value));
    }

    /** Replaces every field of that name with one; a null value just removes them. */
    public void set(String name, String value) {
        int at = -1;
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equalsIgnoreCase(name)) {
                at = i;
                break;
            }
        }
        remove(name);
        if (value != null) {
            // Keep the replaced field's position, so rewrites do not reorder the block.
            fields.add(at < 0 ? fields.size() : Math.min(at, fields.size()), new Field(name, value));
        }
    }

    public void remove(String name) {
        fields.removeIf(field -> field.name().equalsIgnoreCase(name));
    }

    public String first(String name) {
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                return field.value();
            }
        }
        return null;
    }

    public List<String> all(String name) {
        List<String> values = new ArrayList<>(2);
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                values.add(field.value());
            }
        }
        return values;
    }

    public boolean contains(String name) {
        return first(name) != null;
    }

    /** Comma-separated tokens of every field of that name, lower-cased (for Connection, TE...). */
    public List<String> tokens(String name) {
        List<String> tokens = new ArrayList<>();
        for (String value : all(name)) {
            for (String token : value.split(",")) {
                String trimmed = token.trim();
                if (!trimmed.isEmpty()) {
                    tokens.add(trimmed.toLowerCase(Locale.ROOT));
                }
            }
        }
        return tokens;
    }
}
