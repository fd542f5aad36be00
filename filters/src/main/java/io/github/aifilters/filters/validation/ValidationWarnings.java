package io.github.aifilters.filters.validation;

import java.util.List;

/** Violations at level {@code warn} that did not reject the request; stored under {@link ValidationAttributes#WARNINGS}. */
public record ValidationWarnings(List<Violation> violations) {
    public ValidationWarnings {
        violations = List.copyOf(violations);
    }
}
