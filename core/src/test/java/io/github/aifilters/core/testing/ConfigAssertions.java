package io.github.aifilters.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Checks of the configuration pattern every filter config follows, compared setting by setting (the configs have no
 * {@code equals}: they are built once and never compared in production).
 */
public final class ConfigAssertions {

    /** Two patterns are the same setting when they have the same source and flags. */
    private static final Comparator<Pattern> SAME_PATTERN =
            Comparator.comparing(Pattern::pattern).thenComparingInt(Pattern::flags);

    private ConfigAssertions() {
    }

    /**
     * {@code actual} holds the same settings as {@code expected}, field by field; fields of the given types are
     * skipped (e.g. a factory made afresh by each builder).
     */
    public static void assertSameSettings(Object actual, Object expected, Class<?>... ignoredTypes) {
        assertThat(actual).usingRecursiveComparison()
                .ignoringCollectionOrder()
                .ignoringFieldsOfTypes(ignoredTypes)
                .withComparatorForType(SAME_PATTERN, Pattern.class)
                .isEqualTo(expected);
    }
}
