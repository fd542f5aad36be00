package io.github.aifilters.semantic;

/**
 * Resource bounds of a {@link SentenceEncoder}.
 *
 * @param maxConcurrency  how many sentences may be encoded at the same moment; further callers wait for a slot. A
 *                        request thread therefore never starts a CPU-heavy encoding beyond this bound.
 * @param intraOpThreads  ONNX Runtime threads per encoding; 1 keeps the CPU used at most {@code maxConcurrency}
 *                        cores (ONNX Runtime's default would use every core for each call, and contend with itself).
 * @param cacheSize       how many (text, vector) pairs the encoder keeps; 0 disables the cache. A vector of
 *                        all-MiniLM-L6-v2 costs ~1.6 KB with its key, so 10,000 entries are ~16 MB.
 */
public record EncoderOptions(int maxConcurrency, int intraOpThreads, long cacheSize) {

    /** Two encodings at once, one thread each, 10,000 cached vectors. */
    public static final EncoderOptions DEFAULTS = new EncoderOptions(2, 1, 10_000);

    public EncoderOptions {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be >= 1: " + maxConcurrency);
        }
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be >= 1: " + intraOpThreads);
        }
        if (cacheSize < 0) {
            throw new IllegalArgumentException("cacheSize must be >= 0: " + cacheSize);
        }
    }

    public EncoderOptions withMaxConcurrency(int n) {
        return new EncoderOptions(n, intraOpThreads, cacheSize);
    }

    public EncoderOptions withCacheSize(long n) {
        return new EncoderOptions(maxConcurrency, intraOpThreads, n);
    }
}
