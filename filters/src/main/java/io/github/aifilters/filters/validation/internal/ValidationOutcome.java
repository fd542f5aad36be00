package io.github.aifilters.filters.validation.internal;

import io.github.aifilters.filters.validation.Correction;
import io.github.aifilters.filters.validation.ValidationLevel;
import io.github.aifilters.filters.validation.Violation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The result of validating (and possibly correcting) one body.
 *
 * @param status what happens to the request
 * @param body the body the app receives (the corrected one when {@code CORRECTED}); null when rejected or malformed
 * @param correctedBytes the serialised corrected body, only when {@code CORRECTED}
 * @param violations the violations of the body as sent (levels error and warn; ignored ones dropped)
 * @param warnings warn-level violations of the body the app receives
 * @param corrections the changes made, only when {@code CORRECTED}
 * @param bodyError why the body could not be validated at all ({@code MALFORMED}), else null
 */
public record ValidationOutcome(Status status, JsonNode body, byte[] correctedBytes, List<Violation> violations,
                                List<Violation> warnings, List<Correction> corrections, BodyError bodyError) {

    /** What happens to the request. */
    public enum Status {
        /** Valid (or only warnings): passes untouched. */
        ACCEPTED,
        /** Invalid as sent, fully valid after safe corrections: the app receives the corrected body. */
        CORRECTED,
        /** Invalid: 400 with the violations of the body as sent. */
        REJECTED,
        /** Not JSON, empty, or beyond the read limits: 400 with {@link #bodyError}. */
        MALFORMED
    }

    /**
     * @param key e.g. {@code validation.request.malformed}, {@code validation.request.limit}, {@code validation.request.empty}
     * @param message safe for the client
     * @param line 1-based line of the error, or -1
     * @param column 1-based column of the error, or -1
     */
    public record BodyError(String key, String message, int line, int column) {
    }

    public ValidationOutcome {
        violations = violations == null ? List.of() : List.copyOf(violations);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
    }

    /** Violations that reject the request. */
    public List<Violation> errors() {
        return violations.stream().filter(v -> v.level() == ValidationLevel.ERROR).toList();
    }
}
