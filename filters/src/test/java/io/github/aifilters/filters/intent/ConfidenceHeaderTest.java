package io.github.aifilters.filters.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConfidenceHeaderTest {

    @Test
    void writesWhatStringFormatWritesForEveryThousandthAndRandomValues() {
        for (int i = 0; i <= 1000; i++) {
            double v = i / 1000.0;
            assertThat(IntentRecognitionFilter.confidenceHeader(v)).isEqualTo(String.format(Locale.ROOT, "%.3f", v));
        }
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            double v = random.nextDouble();
            // away from a half-thousandth, where binary doubles may round either way
            if (Math.abs(v * 1000 - Math.floor(v * 1000) - 0.5) > 1e-6) {
                assertThat(IntentRecognitionFilter.confidenceHeader(v))
                        .isEqualTo(String.format(Locale.ROOT, "%.3f", v));
            }
        }
    }

    @Test
    void clampsOutOfRangeAndNaN() {
        assertThat(IntentRecognitionFilter.confidenceHeader(1.7)).isEqualTo("1.000");
        assertThat(IntentRecognitionFilter.confidenceHeader(0.9996)).isEqualTo("1.000");
        assertThat(IntentRecognitionFilter.confidenceHeader(-0.2)).isEqualTo("0.000");
        assertThat(IntentRecognitionFilter.confidenceHeader(Double.NaN)).isEqualTo("0.000");
    }
}
