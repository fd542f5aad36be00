package io.github.aifilters.errors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.llm.LlmReply;
import io.github.aifilters.core.redact.DefaultRedactor;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorLlmTest {

    private static LlmReply reply(String text) {
        return new LlmReply(text, "m", "e", 0, 0);
    }

    @Test
    void errorCategoryMustBeKnown() {
        var check = ErrorLlm.parser(DefaultRedactor.defaults());
        assertThat(check.parse(reply("{\"category\":\"database\",\"severity\":\"high\",\"probableCause\":\"pool"
                + " exhausted\",\"suggestedActions\":[\"raise pool size\"],\"confidence\":0.7}")))
                .hasValueSatisfying(a -> {
                    assertThat(a.category()).isEqualTo("database");
                    assertThat(a.actions()).containsExactly("raise pool size");
                });
        assertThat(check.parse(reply("{\"category\":\"cosmic_rays\",\"severity\":\"high\",\"probableCause\":\"x\","
                + "\"suggestedActions\":[],\"confidence\":0.7}"))).isEmpty();
        assertThat(check.parse(reply("{\"category\":\"database\",\"severity\":\"apocalyptic\",\"probableCause\":\"x\","
                + "\"suggestedActions\":[],\"confidence\":0.7}"))).isEmpty();
    }

}
