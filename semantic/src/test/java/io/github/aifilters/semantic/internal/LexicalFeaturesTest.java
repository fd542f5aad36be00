package io.github.aifilters.semantic.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LexicalFeaturesTest {

    @Test
    void splitsWordsAndIdeographs() {
        assertThat(LexicalFeatures.words("Where's my ORDER #123?")).containsExactly("where", "s", "my", "order",
                "123");
        assertThat(LexicalFeatures.words("查询订单 status")).containsExactly("查", "询", "订", "单", "status");
    }

    @Test
    void featuresAreScaledToTheWeight() {
        SparseVector v = new LexicalFeatures(1 << 10, 0.5).features("track my order please");
        double norm = 0;
        for (float x : v.values()) {
            norm += x * x;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(java.util.Arrays.stream(v.indexes()).allMatch(i -> i >= 0 && i < 1 << 10)).isTrue();
        assertThat(new LexicalFeatures(1 << 10, 0).features("anything").indexes()).isEmpty();
    }
}
