package io.gatehouse.schema;

import java.util.UUID;
import java.util.regex.Pattern;

public final class Uuids {

    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Uuids() {
    }

    public static boolean isValid(String text) {
        return text != null && UUID_TEXT.matcher(text).matches();
    }

    /** The UUID, or null when the text is not one. */
    public static UUID parse(String text) {
        return isValid(text) ? UUID.fromString(text) : null;
    }
}
