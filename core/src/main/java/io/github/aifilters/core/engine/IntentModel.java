package io.github.aifilters.core.engine;

import java.util.Set;

/**
 * A trained intent model: the configured labels and the embedded classifier built from their examples.
 * Immutable and thread-safe; a reload builds a new one.
 */
public interface IntentModel {

    /** The label meaning "out of scope". */
    String NONE = "none";

    /** The configured intent names (never includes {@link #NONE}). */
    Set<String> labels();

    /** The embedded answer. Deterministic: same text, same model, same result. */
    IntentResult classify(String text);

    /** The action configured for an intent, if any. */
    default String actionOf(String intent) {
        return null;
    }
}
