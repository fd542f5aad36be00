package io.github.aifilters.filters.intent.internal;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Turns text into hashed sparse features: word unigrams and bigrams (block 0) and character n-grams inside word
 * boundaries, sklearn's {@code char_wb} (block 1). Hashes are 64-bit so that distinct n-grams practically never
 * collide;
 * the {@link Vocabulary} then maps the hashes seen in training to dense columns.
 *
 * <p>Text is NFKC-normalised (full-width forms, ligatures) and lower-cased. A token is a run of letters, digits and
 * combining marks; ideographic and kana characters are single-character word tokens (Chinese and Japanese do not
 * separate words with spaces), while the character n-grams run over the whole unsplit run, so that they see
 * multi-character words. Immutable and thread-safe.
 */
public final class TextFeaturizer {

    /** Input beyond this many characters is ignored: bounds the work per request. */
    public static final int MAX_CHARS = 1_000;

    private static final long SEED_WORD = 0x9E3779B97F4A7C15L;
    private static final long SEED_BIGRAM = 0xC2B2AE3D27D4EB4FL;
    private static final long SEED_CHAR = 0x165667B19E3779F9L;
    private static final long FNV_PRIME = 0x100000001B3L;

    private final int minN;
    private final int maxN;

    public TextFeaturizer(int minN, int maxN) {
        if (minN < 1 || maxN < minN) {
            throw new IllegalArgumentException("char n-gram range must satisfy 1 <= min <= max");
        }
        this.minN = minN;
        this.maxN = maxN;
    }

    /** Hashed features of one text, per block, unsorted, with repeats (term frequency = multiplicity). */
    public static final class Features {
        long[] word;
        int wordCount;
        long[] chars;
        int charCount;

        /** Sized from the text: a short query does not pay for the arrays of a long message. */
        Features(int wordCapacity, int charCapacity) {
            word = new long[Math.max(4, wordCapacity)];
            chars = new long[Math.max(16, charCapacity)];
        }

        void addWord(long h) {
            if (wordCount == word.length) {
                word = Arrays.copyOf(word, word.length * 2);
            }
            word[wordCount++] = h;
        }

        void addChar(long h) {
            if (charCount == chars.length) {
                chars = Arrays.copyOf(chars, chars.length * 2);
            }
            chars[charCount++] = h;
        }

        public int wordCount() {
            return wordCount;
        }

        public int charCount() {
            return charCount;
        }
    }

    /** Normalises as the featurizer does: NFKC, lower case, capped length. */
    public static String normalise(String text) {
        String t = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        if (!Normalizer.isNormalized(t, Normalizer.Form.NFKC)) {
            t = Normalizer.normalize(t, Normalizer.Form.NFKC);
        }
        return t.toLowerCase(Locale.ROOT);
    }

    public Features extract(String text) {
        String s = normalise(text);
        int n = s.length();
        // sized for a typical text of this length (words and bigrams: at most one per character plus one; character
        // n-grams: about one per character and n-gram length); the arrays grow when a text needs more
        Features f = new Features(n + 1, Math.min(n * 3 + 2, 4 * 1024) * (maxN - minN + 1) / 2);
        long prevToken = 0;
        boolean hasPrev = false;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!isTokenChar(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isTokenChar(s.charAt(i))) {
                i++;
            }
            // character n-grams over the whole run, padded with a space on each side (char_wb)
            charNgrams(s, start, i, f);
            // word tokens: ideographs/kana one per character, other sub-runs whole
            int j = start;
            while (j < i) {
                int tokEnd;
                if (isIdeographic(s.charAt(j))) {
                    tokEnd = j + 1;
                } else {
                    tokEnd = j;
                    while (tokEnd < i && !isIdeographic(s.charAt(tokEnd))) {
                        tokEnd++;
                    }
                }
                long h = hash(SEED_WORD, s, j, tokEnd);
                f.addWord(mix(h));
                if (hasPrev) {
                    f.addWord(mix(prevToken * FNV_PRIME + Long.rotateLeft(h, 31) + SEED_BIGRAM));
                }
                prevToken = h;
                hasPrev = true;
                j = tokEnd;
            }
        }
        return f;
    }

    private void charNgrams(String s, int start, int end, Features f) {
        // padded sequence: ' ' s[start..end) ' ' ; position p in [0, len+2)
        int len = end - start + 2;
        for (int p = 0; p < len; p++) {
            long h = SEED_CHAR;
            for (int k = 0; k < maxN && p + k < len; k++) {
                int q = p + k;
                char ch = q == 0 || q == len - 1 ? ' ' : s.charAt(start + q - 1);
                h = (h ^ ch) * FNV_PRIME;
                if (k + 1 >= minN) {
                    f.addChar(mix(h + k));
                }
            }
        }
    }

    private static long hash(long seed, String s, int from, int to) {
        long h = seed;
        for (int i = from; i < to; i++) {
            h = (h ^ s.charAt(i)) * FNV_PRIME;
        }
        return h;
    }

    /** A finaliser (from SplitMix64) so that similar inputs spread over the table. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static boolean isTokenChar(char c) {
        if (c < 128) {
            return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z';
        }
        if (Character.isSurrogate(c)) {
            return true; // supplementary ideographs and letters: keep them, the n-grams see their halves
        }
        int type = Character.getType(c);
        return Character.isLetterOrDigit(c) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    static boolean isIdeographic(char c) {
        if (c < 0x2E80) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.THAI
                || script == Character.UnicodeScript.LAO || script == Character.UnicodeScript.KHMER
                || script == Character.UnicodeScript.MYANMAR;
    }
}
