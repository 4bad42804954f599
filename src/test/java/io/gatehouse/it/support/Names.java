package io.gatehouse.it.support;

import java.util.UUID;

/**
 * Unique entity names. All IT classes share one database (which also outlives a run), so every
 * name, tag and key a test creates carries a random suffix.
 */
public final class Names {

    private Names() {
    }

    /** {@code prefix-<10 random hex>}, valid as a Kong utf8_name and as a tag. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
