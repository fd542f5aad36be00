package io.github.aifilters.filters.intent.internal;

import io.github.aifilters.core.exchange.IntentResult;

import java.util.Set;

/**
 * A trained intent model: the configured labels and the embedded classifier built from their examples.
 * Immutable and thread-safe; a reload builds a new one.
 */
public interface IntentModel {

    /** The label meaning "out of scope". */
    String NONE = io.github.aifilters.core.exchange.IntentResult.NONE;

    /** The configured intent names (never includes {@link #NONE}). */
    Set<String> labels();

    /** The embedded answer. Deterministic: same text, same model, same result. */
    IntentResult classify(String text);

    /** The action configured for an intent, if any. */
    default String actionOf(String intent) {
        return null;
    }
}
