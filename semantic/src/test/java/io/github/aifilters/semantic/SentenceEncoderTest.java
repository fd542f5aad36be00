package io.github.aifilters.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every model the module ships, loaded for real from its jar. */
class SentenceEncoderTest {

    private static final Map<EncoderOptions.Model, SentenceEncoder> ENCODERS =
            new EnumMap<>(EncoderOptions.Model.class);

    @BeforeAll
    static void load() {
        for (EncoderOptions.Model m : EncoderOptions.Model.values()) {
            ENCODERS.put(m, SentenceEncoders.load(new EncoderOptions(2, 1, 100).withModel(m)));
        }
    }

    @AfterAll
    static void close() {
        ENCODERS.values().forEach(SentenceEncoder::close);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(EncoderOptions.Model.class)
    void vectorsAreUnitLengthAndCloserForParaphrases(EncoderOptions.Model model) {
        SentenceEncoder encoder = ENCODERS.get(model);
        float[] a = encoder.embed("how do I reset my password");
        float[] b = encoder.embed("I forgot my password, help me change it");
        float[] c = encoder.embed("what's the weather like in Paris tomorrow");
        assertThat(a).hasSize(encoder.dimension()).hasSize(384);
        assertThat(dot(a, a)).isCloseTo(1.0, Offset.offset(1e-4));
        // bge's cosines sit higher (a large shared component) than MiniLM's: the gap, not the level, is the test
        assertThat(dot(a, b)).isGreaterThan(dot(a, c) + 0.1);
    }

    /**
     * Our session (own threads, closable) must give langchain4j's own vectors for the model: the same resources, the
     * pooling the model was trained with (CLS for bge, mean for MiniLM) and no prefix.
     */
    @ParameterizedTest
    @EnumSource(EncoderOptions.Model.class)
    void vectorsMatchLangchain4jsReferenceModel(EncoderOptions.Model model) {
        EmbeddingModel reference = switch (model) {
            case BGE_SMALL_EN_V15_Q -> new BgeSmallEnV15QuantizedEmbeddingModel();
            case ALL_MINILM_L6_V2_Q -> new AllMiniLmL6V2QuantizedEmbeddingModel();
        };
        for (String text : List.of("book a table for two at eight", "has my parcel shipped yet?")) {
            float[] expected = reference.embed(text).content().vector();
            float[] actual = ENCODERS.get(model).embed(text);
            assertThat(dot(expected, actual) / Math.sqrt(dot(expected, expected))).as(text)
                    .isCloseTo(1.0, Offset.offset(1e-4));
        }
    }

    @Test
    void modelNamesAndDefault() {
        assertThat(ENCODERS.get(EncoderOptions.Model.BGE_SMALL_EN_V15_Q).modelName()).isEqualTo("bge-small-en-v1.5-q");
        assertThat(ENCODERS.get(EncoderOptions.Model.ALL_MINILM_L6_V2_Q).modelName()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(EncoderOptions.DEFAULTS.model()).isEqualTo(EncoderOptions.Model.BGE_SMALL_EN_V15_Q);
        assertThat(new EncoderOptions(3, 1, 0).model()).isEqualTo(EncoderOptions.DEFAULTS.model());
    }

    @Test
    void batchMatchesSingleCallsInOrder() {
        SentenceEncoder encoder = ENCODERS.get(EncoderOptions.DEFAULTS.model());
        List<String> texts = List.of("book a table for two", "play some jazz", "转账给我的朋友", "", "cancel it");
        List<float[]> batch = encoder.embedAll(texts);
        assertThat(batch).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(batch.get(i)).containsExactly(encoder.embed(texts.get(i)));
        }
        // blank text has no tokens: a zero vector, similar to nothing
        assertThat(batch.get(3)).containsOnly(0f);
    }
}
