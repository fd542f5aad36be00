package io.github.aifilters.semantic;

import java.util.List;

/**
 * Turns a sentence into an L2-normalised vector, so that the dot product of two vectors is their cosine similarity.
 * Implementations are thread-safe and bound how many sentences they encode at once.
 */
public interface SentenceEncoder extends AutoCloseable {

    /** The vector of {@code text}: length {@link #dimension()}, Euclidean norm 1 (0 for text with no tokens). */
    float[] embed(String text);

    /** The vectors of {@code texts}, in order; batch work may run in parallel up to the encoder's concurrency. */
    List<float[]> embedAll(List<String> texts);

    int dimension();

    /** Short name of the model, for reports ({@code all-minilm-l6-v2-q}). */
    String modelName();

    /** Releases the native session; the encoder must not be used afterwards. */
    @Override
    void close();
}
