package io.github.aifilters.core.intent;

import java.util.Optional;

/**
 * An optional second intent engine, asked by the intent filter when the embedded (lexical) answer is not confident.
 * It trains in the background from the intents file's examples; until {@link #ready()} the filter keeps the lexical
 * answer. Thread-safe; {@link #classify} may take milliseconds (the filter calls it under a time budget, on its own
 * bounded executor).
 */
public interface IntentTier extends AutoCloseable {

    /** True once the background training has finished and {@link #classify} answers. */
    boolean ready();

    /** The answer, or empty while not ready (or when training failed). */
    Optional<TierAnswer> classify(String text);

    /** Heap held by the trained tier (its classifier, not shared encoder weights), in bytes; 0 while not ready. */
    long memoryBytes();

    /** Stops the training if still running and releases native resources. */
    @Override
    void close();
}
