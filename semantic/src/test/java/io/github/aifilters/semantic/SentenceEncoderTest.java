package io.github.aifilters.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SentenceEncoderTest {

    private static SentenceEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = SentenceEncoders.allMiniLmL6V2Quantized(new EncoderOptions(2, 1, 100));
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void vectorsAreUnitLengthAndCloserForParaphrases() {
        float[] a = encoder.embed("how do I reset my password");
        float[] b = encoder.embed("I forgot my password, help me change it");
        float[] c = encoder.embed("what's the weather like in Paris tomorrow");
        assertThat(a).hasSize(encoder.dimension()).hasSize(384);
        assertThat(dot(a, a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(dot(a, b)).isGreaterThan(dot(a, c) + 0.2);
        assertThat(encoder.modelName()).isEqualTo("all-minilm-l6-v2-q");
    }

    @Test
    void batchMatchesSingleCallsInOrder() {
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
