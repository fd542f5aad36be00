package io.github.aifilters.filters.validation.internal;

import io.github.aifilters.filters.validation.Violation;

import java.util.List;

/**
 * @param route the route template, e.g. {@code POST /api/users}
 * @param body the request body (engines redact it before sending it anywhere)
 * @param violations the violations without an embedded suggestion
 */
public record CorrectionQuery(String route, String body, List<Violation> violations) {

    /**
     * @param pointer JSON pointer of the offending value
     * @param key stable hierarchical key, e.g. {@code validation.body.enum}
     * @param message human message
     */
    public record Violation(String pointer, String key, String message) {
    }
}
