package io.gatehouse.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one component of a plugin's config record: its documentation, default and rules.
 * The record plus these annotations is the plugin's schema.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Describe {

    /** What the field means, shown by {@code /schemas/plugins/{name}} and the console. */
    String value();

    /** The default as JSON (e.g. {@code ["apikey"]}, {@code false}, {@code "text"}); empty means none. */
    String defaultJson() default "";

    boolean required() default false;

    /** Allowed values for a string field. */
    String[] oneOf() default {};

    long min() default Long.MIN_VALUE;

    long max() default Long.MAX_VALUE;

    /** For arrays and strings: the minimum length. */
    int minLength() default -1;
}
