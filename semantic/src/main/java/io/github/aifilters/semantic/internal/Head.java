package io.github.aifilters.semantic.internal;

/** A trained classifier over (sentence vector, lexical features): probabilities over the intents, in index order. */
public interface Head {

    double[] probabilities(float[] vector, SparseVector lexical);

    /** Bytes of the stored vectors and weights (the arrays' payload, not JVM headers). */
    long memoryBytes();
}
