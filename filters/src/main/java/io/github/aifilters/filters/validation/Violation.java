package io.github.aifilters.filters.validation;

/**
 * One problem found in a request body, as reported to the client.
 *
 * @param pointer JSON pointer (RFC 6901) of the offending value; {@code ""} is the document root. For a missing
 *                required property it points at the object that lacks it, and {@link #property} names it; for an
 *                unknown property it points at the unknown property itself
 * @param key stable hierarchical key, e.g. {@code validation.body.enum}
 * @param message human message (safe for the client: never echoes a value of the body)
 * @param suggestion what to do instead, or null when none is known
 * @param property the property concerned (required / unknown property), or null
 * @param level how the filter treats it
 */
public record Violation(String pointer, String key, String message, String suggestion, String property,
                        ValidationLevel level) {

    public Violation withSuggestion(String newSuggestion) {
        return new Violation(pointer, key, message, newSuggestion, property, level);
    }

    public Violation withLevel(ValidationLevel newLevel) {
        return new Violation(pointer, key, message, suggestion, property, newLevel);
    }
}
