package io.github.aifilters.semantic.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Words, word bigrams and character 3–5-grams of words, hashed into a fixed number of buckets, sublinear counts,
 * L2-normalised then scaled. Hashing keeps the model's size independent of the vocabulary; characters inside words
 * make the features tolerant of typos and inflections. Letters of scripts without spaces (CJK) are one word each.
 */
public final class LexicalFeatures {

    private final int mask;
    private final float weight;

    public LexicalFeatures(int buckets, double weight) {
        this.mask = buckets - 1;
        this.weight = (float) weight;
    }

    public SparseVector features(String text) {
        if (weight == 0f) {
            return SparseVector.EMPTY;
        }
        List<String> words = words(text);
        Map<Integer, Float> counts = new HashMap<>();
        String prev = "<s>";
        for (String w : words) {
            add(counts, "w:" + w);
            add(counts, "b:" + prev + ' ' + w);
            prev = w;
            String padded = '<' + w + '>';
            for (int n = 3; n <= 5; n++) {
                for (int i = 0; i + n <= padded.length(); i++) {
                    add(counts, "c:" + padded.substring(i, i + n));
                }
            }
        }
        int[] idx = new int[counts.size()];
        float[] val = new float[counts.size()];
        double norm = 0;
        int k = 0;
        for (Map.Entry<Integer, Float> e : counts.entrySet()) {
            idx[k] = e.getKey();
            val[k] = (float) (1 + Math.log(e.getValue()));
            norm += val[k] * val[k];
            k++;
        }
        float scale = norm == 0 ? 0f : (float) (weight / Math.sqrt(norm));
        for (int i = 0; i < val.length; i++) {
            val[i] *= scale;
        }
        return new SparseVector(idx, val);
    }

    private void add(Map<Integer, Float> counts, String feature) {
        counts.merge(mix(feature.hashCode()) & mask, 1f, Float::sum);
    }

    /** String hashes differ mostly in their low bits for short strings: spread them before masking. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        String s = text.toLowerCase(Locale.ROOT);
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isIdeographic(cp)) {
                flush(cur, out);
                out.add(new String(Character.toChars(cp)));
            } else if (Character.isLetterOrDigit(cp)) {
                cur.appendCodePoint(cp);
            } else {
                flush(cur, out);
            }
        }
        flush(cur, out);
        return out;
    }

    private static void flush(StringBuilder cur, List<String> out) {
        if (cur.length() > 0) {
            out.add(cur.toString());
            cur.setLength(0);
        }
    }
}
