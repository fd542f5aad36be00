package io.github.aifilters.filters.intent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntentExemplarsTest {

    private static Vectorizer vectorizer(List<String> texts) {
        TextFeaturizer f = new TextFeaturizer(2, 4);
        List<TextFeaturizer.Features> docs = new ArrayList<>();
        for (String t : texts) {
            docs.add(f.extract(t));
        }
        return Vectorizer.fit(f, docs, 1, Integer.MAX_VALUE, (float) Math.sqrt(0.5), (float) Math.sqrt(0.5));
    }

    @Test
    void nearestExampleSimilarity() {
        List<String> texts = List.of("find red shoes", "search for laptops", "create a new user account",
                "sign me up");
        Vectorizer v = vectorizer(texts);
        Vectorizer.Row[] rows = texts.stream().map(v::vectorize).toArray(Vectorizer.Row[]::new);
        IntentExemplars ex = IntentExemplars.of(rows, new int[] {0, 0, 1, 1}, 2);

        assertThat(ex.similarity(IntentExemplars.sorted(v.vectorize("search for laptops")), 0)).isCloseTo(1.0,
                within(1e-5));
        double near = ex.similarity(IntentExemplars.sorted(v.vectorize("search for red laptops")), 0);
        double other = ex.similarity(IntentExemplars.sorted(v.vectorize("search for red laptops")), 1);
        assertThat(near).isBetween(0.5, 0.99);
        assertThat(other).isLessThan(0.2);
        // nothing known: 0
        assertThat(ex.similarity(IntentExemplars.sorted(v.vectorize("qqqq")), 0)).isZero();
        // the early stop returns a value at least as large as the bound once reached
        assertThat(ex.similarity(IntentExemplars.sorted(v.vectorize("search for laptops")), 0, 0.3))
                .isGreaterThanOrEqualTo(0.3);
    }

    @Test
    void keepsAtMostMaxPerIntentEvenlySpread() {
        List<String> texts = new ArrayList<>();
        int[] y = new int[253];
        for (int i = 0; i < 250; i++) {
            texts.add("order number " + i);
        }
        texts.add("a");
        texts.add("b");
        texts.add("c");
        y[250] = 1;
        y[251] = 1;
        y[252] = 1;
        Vectorizer v = vectorizer(texts);
        IntentExemplars ex = IntentExemplars.of(texts.stream().map(v::vectorize).toArray(Vectorizer.Row[]::new), y,
                2);
        assertThat(ex.size(0)).isEqualTo(IntentExemplars.MAX_PER_INTENT);
        assertThat(ex.size(1)).isEqualTo(3);
        // the first and (nearly) the last examples are among those kept
        assertThat(ex.similarity(IntentExemplars.sorted(v.vectorize("order number 0")), 0)).isCloseTo(1.0,
                within(1e-5));
        assertThat(ex.similarity(IntentExemplars.sorted(v.vectorize("order number 248")), 0)).isCloseTo(1.0,
                within(1e-5));
    }
}
