package io.github.aifilters.filters.intent.internal;

import java.util.Arrays;
import java.util.List;

/**
 * TF-IDF over the {@link TextFeaturizer}'s two blocks: sublinear term frequency ({@code 1 + ln tf}), smoothed idf
 * ({@code ln((1+n)/(1+df)) + 1}, as scikit-learn), each block l2-normalised and scaled by its weight, so that word and
 * character evidence count alike whatever the number of n-grams. Features never seen in training are dropped.
 * Immutable once built.
 */
final class Vectorizer {

    /** A sparse row: column indices (ascending within each block) and values. */
    record Row(int[] cols, float[] vals) {
        int size() {
            return cols.length;
        }
    }

    private final TextFeaturizer featurizer;
    private final LongIntMap vocabulary;
    private final float[] idf;
    private final float wordWeight;
    private final float charWeight;

    private Vectorizer(TextFeaturizer featurizer, LongIntMap vocabulary, float[] idf, float wordWeight,
                       float charWeight) {
        this.featurizer = featurizer;
        this.vocabulary = vocabulary;
        this.idf = idf;
        this.wordWeight = wordWeight;
        this.charWeight = charWeight;
    }

    /**
     * Builds the vocabulary from training texts. Columns are numbered in order of first appearance, which is
     * deterministic for the same examples in the same order.
     *
     * @param minDf a feature must occur in at least this many examples to get a column
     * @param maxFeatures at most this many columns: the most frequent features are kept (bounds the model's memory)
     */
    static Vectorizer fit(TextFeaturizer featurizer, List<TextFeaturizer.Features> docs, int minDf, int maxFeatures,
                          float wordWeight, float charWeight) {
        LongIntMap df = new LongIntMap(1 << 16);
        long[] scratch = new long[256];
        LongIntMap order = new LongIntMap(1 << 16);
        int next = 0;
        for (TextFeaturizer.Features f : docs) {
            for (int block = 0; block < 2; block++) {
                long[] hs = block == 0 ? f.word : f.chars;
                int count = block == 0 ? f.wordCount : f.charCount;
                if (scratch.length < count) {
                    scratch = new long[count];
                }
                System.arraycopy(hs, 0, scratch, 0, count);
                Arrays.sort(scratch, 0, count);
                for (int i = 0; i < count; i++) {
                    if (i > 0 && scratch[i] == scratch[i - 1]) {
                        continue;
                    }
                    long key = blockKey(scratch[i], block);
                    int seen = df.putIfAbsent(key, 0);
                    df.put(key, seen + 1);
                    if (seen == 0) {
                        order.put(key, next++);
                    }
                }
            }
        }
        // keep features with df >= minDf, numbered by first appearance
        int total = next;
        long[] keysByOrder = new long[total];
        int[] dfByOrder = new int[total];
        order.forEach((k, idx) -> keysByOrder[idx] = k);
        for (int i = 0; i < total; i++) {
            dfByOrder[i] = df.get(keysByOrder[i]);
        }
        int kept = 0;
        for (int i = 0; i < total; i++) {
            if (dfByOrder[i] >= minDf) {
                kept++;
            }
        }
        if (kept > maxFeatures) {
            // raise the document-frequency cut until the vocabulary fits (whole df levels: no arbitrary tie-breaks)
            int[] counts = new int[docs.size() + 2];
            for (int i = 0; i < total; i++) {
                counts[Math.min(dfByOrder[i], counts.length - 1)]++;
            }
            int cut = counts.length - 1;
            int sum = counts[cut];
            while (cut > minDf && sum + counts[cut - 1] <= maxFeatures) {
                cut--;
                sum += counts[cut];
            }
            minDf = cut;
            kept = sum;
        }
        LongIntMap vocab = new LongIntMap(kept);
        float[] idf = new float[kept];
        int n = docs.size();
        int col = 0;
        for (int i = 0; i < total; i++) {
            if (dfByOrder[i] >= minDf) {
                vocab.put(keysByOrder[i], col);
                idf[col] = (float) (Math.log((1.0 + n) / (1.0 + dfByOrder[i])) + 1.0);
                col++;
            }
        }
        return new Vectorizer(featurizer, vocab, idf, wordWeight, charWeight);
    }

    /** The word block's hashes and the char block's are kept apart even if their 64-bit hashes met. */
    private static long blockKey(long hash, int block) {
        return block == 0 ? hash : Long.rotateLeft(hash, 1) ^ 0x2545F4914F6CDD1DL;
    }

    int dimension() {
        return idf.length;
    }

    TextFeaturizer featurizer() {
        return featurizer;
    }

    Row vectorize(String text) {
        return vectorize(featurizer.extract(text));
    }

    Row vectorize(TextFeaturizer.Features f) {
        int cap = f.wordCount + f.charCount;
        int[] cols = new int[cap];
        float[] vals = new float[cap];
        int size = block(f.word, f.wordCount, 0, wordWeight, cols, vals, 0);
        size = block(f.chars, f.charCount, 1, charWeight, cols, vals, size);
        return new Row(Arrays.copyOf(cols, size), Arrays.copyOf(vals, size));
    }

    private int block(long[] hashes, int count, int block, float weight, int[] cols, float[] vals, int from) {
        if (count == 0 || weight == 0f) {
            return from;
        }
        long[] h = Arrays.copyOf(hashes, count);
        Arrays.sort(h);
        int size = from;
        double norm = 0;
        int i = 0;
        while (i < count) {
            int j = i + 1;
            while (j < count && h[j] == h[i]) {
                j++;
            }
            int col = vocabulary.get(blockKey(h[i], block));
            if (col != LongIntMap.MISSING) {
                float v = (float) ((1.0 + Math.log(j - i)) * idf[col]);
                cols[size] = col;
                vals[size] = v;
                norm += (double) v * v;
                size++;
            }
            i = j;
        }
        if (norm > 0) {
            float scale = (float) (weight / Math.sqrt(norm));
            for (int k = from; k < size; k++) {
                vals[k] *= scale;
            }
        }
        return size;
    }

    long bytes() {
        return vocabulary.bytes() + idf.length * 4L;
    }

    Vectorizer compact() {
        return new Vectorizer(featurizer, vocabulary.compact(), idf, wordWeight, charWeight);
    }
}
