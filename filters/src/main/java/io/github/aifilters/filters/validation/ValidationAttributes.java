package io.github.aifilters.filters.validation;

import io.github.aifilters.core.attr.AttributeKey;

/** Request attributes the smart validation filter sets for the app. */
public final class ValidationAttributes {

    /** The full list of auto-corrections applied to this request's body (pointer, from, to, rule). */
    public static final AttributeKey<Corrections> CORRECTIONS =
            AttributeKey.of("io.github.aifilters.validation.corrections", Corrections.class);

    /** Violations at level {@code warn}, when there were any. */
    public static final AttributeKey<ValidationWarnings> WARNINGS =
            AttributeKey.of("io.github.aifilters.validation.warnings", ValidationWarnings.class);

    private ValidationAttributes() {
    }
}
