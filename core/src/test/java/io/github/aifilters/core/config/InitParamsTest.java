package io.github.aifilters.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed init-params fail fast, naming the filter and the key. */
class InitParamsTest {

    private static InitParams p(String key, String value) {
        return InitParams.of("intent", Map.of(key, value));
    }

    @Test
    void readsTypedValuesWithDefaults() {
        assertThat(p("a", " yes ").bool("a", false)).isTrue();
        assertThat(p("a", "off").bool("a", true)).isFalse();
        assertThat(p("a", "").bool("a", true)).as("blank means absent").isTrue();
        assertThat(p("n", "42").integer("n", 0)).isEqualTo(42);
        assertThat(p("d", "0.8").decimal("d", 0)).isEqualTo(0.8);
        assertThat(InitParams.empty("x").integer("n", 7)).isEqualTo(7);
    }

    @Test
    void sizesAcceptUnits() {
        assertThat(p("s", "65536").bytes("s", 0)).isEqualTo(65536);
        assertThat(p("s", "64KiB").bytes("s", 0)).isEqualTo(65536);
        assertThat(p("s", "64kb").bytes("s", 0)).isEqualTo(65536);
        assertThat(p("s", "1MB").bytes("s", 0)).isEqualTo(1 << 20);
    }

    @Test
    void durationsAcceptUnitsAndIso8601() {
        assertThat(p("t", "250ms").duration("t", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(p("t", "2s").duration("t", Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p("t", "5m").duration("t", Duration.ZERO)).isEqualTo(Duration.ofMinutes(5));
        assertThat(p("t", "PT1H").duration("t", Duration.ZERO)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void listsSplitOnCommasAndWhitespace() {
        assertThat(p("l", "/a/*, /b\n  *.css").list("l")).containsExactly("/a/*", "/b", "*.css");
        assertThat(InitParams.empty("x").list("l", List.of("d"))).containsExactly("d");
    }

    @Test
    void aBadValueFailsNamingFilterKeyAndValue() {
        assertThatThrownBy(() -> p("enabled", "maybe").bool("enabled", true))
                .hasMessageContaining("intent").hasMessageContaining("enabled").hasMessageContaining("maybe");
        assertThatThrownBy(() -> p("maxBodyBytes", "lots").bytes("maxBodyBytes", 1))
                .hasMessageContaining("maxBodyBytes");
        assertThatThrownBy(() -> p("timeout", "soon").duration("timeout", Duration.ZERO))
                .hasMessageContaining("timeout");
    }
}
