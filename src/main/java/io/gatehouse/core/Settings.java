package io.gatehouse.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Resolved settings: system properties, then environment, then servlet context parameters. */
public final class Settings {

    private final Function<String, String> contextParameters;
    private final Map<String, String> environment;

    public Settings(Function<String, String> contextParameters, Map<String, String> environment) {
        this.contextParameters = contextParameters;
        this.environment = environment;
    }

    public static Settings fromSystem() {
        return new Settings(name -> null, System.getenv());
    }

    public String get(Setting setting) {
        String value = usable(System.getProperty(setting.propertyName()));
        if (value == null) {
            value = usable(environment.get(setting.environmentName()));
        }
        if (value == null) {
            value = usable(contextParameters.apply(setting.propertyName()));
        }
        if (value == null) {
            value = setting.defaultValue();
        }
        return value.replace("${user.home}", System.getProperty("user.home"));
    }

    public int getInt(Setting setting) {
        try {
            return Integer.parseInt(get(setting).trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Setting " + setting.propertyName() + " must be an integer, got '" + get(setting) + "'");
        }
    }

    public long getLong(Setting setting) {
        try {
            return Long.parseLong(get(setting).trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Setting " + setting.propertyName() + " must be an integer, got '" + get(setting) + "'");
        }
    }

    public boolean getBoolean(Setting setting) {
        String value = get(setting).trim().toLowerCase(java.util.Locale.ROOT);
        return value.equals("true") || value.equals("on") || value.equals("yes") || value.equals("1");
    }

    public List<String> getList(Setting setting) {
        List<String> values = new ArrayList<>();
        for (String part : get(setting).split(",")) {
            if (!part.isBlank()) {
                values.add(part.trim());
            }
        }
        return values;
    }

    public List<Integer> getPorts(Setting setting) {
        return getList(setting).stream().map(Integer::parseInt).toList();
    }

    /**
     * Build tools pass unset values through as "null" (Cargo does); treat that and blanks as
     * unset so they never become a literal directory or URL.
     */
    private static String usable(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("null")) {
            return null;
        }
        return value;
    }
}
