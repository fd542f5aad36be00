package io.github.aifilters.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aifilters.core.filter.RequestMatcher;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommonBuilderTest {

    /** The smallest config builder: one own key. */
    static final class Builder extends CommonBuilder<Builder> {
        int size = 3;

        @Override
        protected void applyOwn(InitParams p) {
            size = p.integer("size", size);
        }
    }

    @Test
    void applySetsOnlyThePresentKeysOverTheValuesSetInCode() {
        RequestMatcher code = new RequestMatcher(List.of("/api/*"), List.of("/api/health"), Set.of("POST"), Set.of(),
                Set.of(), Set.of());
        Builder b = new Builder().matcher(code).maxBodyBytes(1024).enabled(false);
        b.size = 7;
        b.apply(InitParams.of("t", Map.of(CommonSettings.EXCLUDE_PATHS, "/api/internal/*")));

        assertThat(b.size).isEqualTo(7);
        assertThat(b.common().enabled()).isFalse();
        assertThat(b.common().maxBodyBytes()).isEqualTo(1024);
        assertThat(b.common().matcher().includedPaths()).containsExactly("/api/*");
        assertThat(b.common().matcher().includedMethods()).containsExactly("POST");
        assertThat(b.common().matcher().excludedPaths()).containsExactly("/api/internal/*");

        b.apply(InitParams.of("t", Map.of("size", "9", CommonSettings.ENABLED, "true")));
        assertThat(b.size).isEqualTo(9);
        assertThat(b.common().enabled()).isTrue();
        assertThat(new Builder().common()).isEqualTo(CommonSettings.defaults());
    }

    @Test
    void keySetsHoldTheCommonKeysAndRejectADuplicate() {
        assertThat(ConfigKeys.withCommon("size")).containsAll(CommonSettings.KEYS).contains("size")
                .hasSize(CommonSettings.KEYS.size() + 1);
        assertThatThrownBy(() -> ConfigKeys.withCommon(CommonSettings.MAX_BODY_BYTES))
                .hasMessageContaining("maxBodyBytes");
    }
}
