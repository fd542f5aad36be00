package io.github.aifilters.semantic;

import io.github.aifilters.semantic.internal.CachingBoundedEncoder;
import io.github.aifilters.semantic.internal.OnnxBertModel;

/** Factories of the encoders this module ships. Each call loads a new model: create one and share it. */
public final class SentenceEncoders {

    private SentenceEncoders() {
    }

    /**
     * The encoder {@code options.model()} names, read from its jar on the class path: no download. Loading takes
     * seconds and adds ~140–170 MB of resident memory (mostly ONNX Runtime's native session): load once, at start-up.
     */
    public static SentenceEncoder load(EncoderOptions options) {
        OnnxBertModel.Spec spec = switch (options.model()) {
            case BGE_SMALL_EN_V15_Q -> OnnxBertModel.BGE_SMALL_EN_V15_Q;
            case ALL_MINILM_L6_V2_Q -> OnnxBertModel.ALL_MINILM_L6_V2_Q;
        };
        return new CachingBoundedEncoder(OnnxBertModel.load(spec, options.intraOpThreads()), options);
    }

    /** The quantised all-MiniLM-L6-v2 whatever {@code options.model()} says. */
    public static SentenceEncoder allMiniLmL6V2Quantized(EncoderOptions options) {
        return load(options.withModel(EncoderOptions.Model.ALL_MINILM_L6_V2_Q));
    }

    /** The quantised bge-small-en-v1.5 whatever {@code options.model()} says. */
    public static SentenceEncoder bgeSmallEnV15Quantized(EncoderOptions options) {
        return load(options.withModel(EncoderOptions.Model.BGE_SMALL_EN_V15_Q));
    }
}
