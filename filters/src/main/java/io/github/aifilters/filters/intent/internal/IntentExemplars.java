package io.github.aifilters.filters.intent.internal;

import java.util.Arrays;

/**
 * Each intent's training examples as TF-IDF vectors (columns ascending), and the cosine similarity of a text to its
 * nearest example of one intent. It answers a question the linear model cannot: does the text resemble any of the
 * intent's examples at all? A linear score is relative — with five intents, "tell me a joke" still lands furthest on
 * one intent's side — while a text sharing few n-grams with every example of that intent has a low nearest-example
 * similarity. Immutable.
 */
final class IntentExemplars {

    private final int[][][] cols;
    private final float[][][] vals;

    private IntentExemplars(int[][][] cols, float[][][] vals) {
        this.cols = cols;
        this.vals = vals;
    }

    /**
     * At most this many examples are kept per intent (evenly spread over the intent's examples in file order): bounds
     * the per-request work (a scan of one intent's examples) and the memory, whatever the file's size. The held-out
     * floor is computed with the same cap, so that it stays consistent.
     */
    static final int MAX_PER_INTENT = 100;

    static IntentExemplars of(Vectorizer.Row[] rows, int[] y, int classes) {
        int[] total = new int[classes];
        for (int label : y) {
            total[label]++;
        }
        int[] counts = new int[classes];
        for (int k = 0; k < classes; k++) {
            counts[k] = Math.min(total[k], MAX_PER_INTENT);
        }
        int[] seen = new int[classes];
        int[][][] cols = new int[classes][][];
        float[][][] vals = new float[classes][][];
        for (int k = 0; k < classes; k++) {
            cols[k] = new int[counts[k]][];
            vals[k] = new float[counts[k]][];
            counts[k] = 0;
        }
        for (int i = 0; i < y.length; i++) {
            int k = y[i];
            int rank = seen[k]++;
            // keep rank r when it is the first of its slot: slot = floor(r * kept / total)
            if (total[k] > MAX_PER_INTENT
                    && (long) rank * MAX_PER_INTENT / total[k] == (long) (rank - 1) * MAX_PER_INTENT / total[k]
                    && rank > 0) {
                continue;
            }
            int[] c = rows[i].cols().clone();
            float[] v = rows[i].vals();
            Integer[] order = new Integer[c.length];
            for (int j = 0; j < c.length; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(c[a], c[b]));
            int[] sc = new int[c.length];
            float[] sv = new float[c.length];
            double norm = 0;
            for (int j = 0; j < c.length; j++) {
                sc[j] = c[order[j]];
                sv[j] = v[order[j]];
                norm += (double) sv[j] * sv[j];
            }
            if (norm > 0) {
                float s = (float) (1 / Math.sqrt(norm));
                for (int j = 0; j < sv.length; j++) {
                    sv[j] *= s;
                }
            }
            cols[k][counts[k]] = sc;
            vals[k][counts[k]] = sv;
            counts[k]++;
        }
        return new IntentExemplars(cols, vals);
    }

    /** The row with its columns in ascending order and unit norm, as {@link #similarity} needs it. */
    static Vectorizer.Row sorted(Vectorizer.Row row) {
        int n = row.cols().length;
        long[] packed = new long[n];
        double norm = 0;
        for (int j = 0; j < n; j++) {
            packed[j] = ((long) row.cols()[j] << 32) | (Float.floatToRawIntBits(row.vals()[j]) & 0xFFFFFFFFL);
            norm += (double) row.vals()[j] * row.vals()[j];
        }
        Arrays.sort(packed);
        int[] c = new int[n];
        float[] v = new float[n];
        float s = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
        for (int j = 0; j < n; j++) {
            c[j] = (int) (packed[j] >>> 32);
            v[j] = Float.intBitsToFloat((int) packed[j]) * s;
        }
        return new Vectorizer.Row(c, v);
    }

    /**
     * Cosine similarity of a row (sorted and normalised by {@link #sorted}) to its nearest example of intent
     * {@code k}, in [0, 1] (TF-IDF values are non-negative); 0 for a row without known features.
     */
    double similarity(Vectorizer.Row sortedRow, int k) {
        return similarity(sortedRow, k, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #similarity(Vectorizer.Row, int)}, but stops at the first example at least {@code enough} similar
     * (returning that similarity): the caller only needs to know whether the floor is reached, and an in-scope text
     * usually reaches it within a few examples, which keeps classification in microseconds.
     */
    double similarity(Vectorizer.Row sortedRow, int k, double enough) {
        int[] rc = sortedRow.cols();
        float[] rv = sortedRow.vals();
        double best = 0;
        int[][] ec = cols[k];
        float[][] ev = vals[k];
        for (int e = 0; e < ec.length; e++) {
            int[] c = ec[e];
            float[] v = ev[e];
            int i = 0;
            int j = 0;
            double dot = 0;
            while (i < rc.length && j < c.length) {
                int a = rc[i];
                int b = c[j];
                if (a == b) {
                    dot += rv[i++] * v[j++];
                } else if (a < b) {
                    i++;
                } else {
                    j++;
                }
            }
            best = Math.max(best, dot);
            if (best >= enough) {
                break;
            }
        }
        return Math.min(1.0, best);
    }

    /** Examples kept for intent {@code k}. */
    int size(int k) {
        return cols[k].length;
    }

    long bytes() {
        long b = 0;
        for (int[][] perIntent : cols) {
            for (int[] c : perIntent) {
                b += c.length * 8L + 32;
            }
        }
        return b;
    }
}
