package io.github.aifilters.filters.validation;

import java.util.Locale;

/** What a violation of a given key does to the request (as in Atlassian's swagger-request-validator). */
public enum ValidationLevel {
    /** The request is rejected (400). */
    ERROR,
    /** The request passes; the violation is reported in a response header and the log. */
    WARN,
    /** The violation is dropped. */
    IGNORE;

    static ValidationLevel parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "error" -> ERROR;
            case "warn", "warning" -> WARN;
            case "ignore", "off", "none" -> IGNORE;
            default -> throw new IllegalArgumentException("level must be error, warn or ignore, got '" + s + "'");
        };
    }
}
