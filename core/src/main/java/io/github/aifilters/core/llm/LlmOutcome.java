package io.github.aifilters.core.llm;

import java.util.Locale;

/** How one gateway call ended; the {@code outcome} tag of the call metrics. */
public enum LlmOutcome {
    /** The engine answered and the answer passed the checks. */
    SUCCESS,
    /** The engine failed (HTTP error, refused connection, unparseable body …). */
    FAILURE,
    /** The gateway's own deadline passed before the engine answered; the caller was released. */
    TIMEOUT,
    /** The rate limiter or the bulkhead refused the call; no call was made. */
    REJECTED,
    /** The circuit breaker is open; no call was made. */
    CIRCUIT_OPEN,
    /** The engine answered but the answer failed the checks. */
    INVALID,
    /** Answered from the result cache; no call was made. */
    CACHE_HIT,
    /**
     * A reply that arrived after its caller was released ({@link #TIMEOUT}): told to listeners only, so the tokens
     * and the cost it spent are still accounted (it is not counted again as a call).
     */
    LATE;

    /** The metric tag value, e.g. {@code circuit_open}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
