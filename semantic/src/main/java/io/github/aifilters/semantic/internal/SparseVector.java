package io.github.aifilters.semantic.internal;

/** Hashed lexical features of one sentence: parallel arrays of bucket indexes and values. */
public record SparseVector(int[] indexes, float[] values) {

    public static final SparseVector EMPTY = new SparseVector(new int[0], new float[0]);
}
