package io.github.aifilters.filters.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.llm.LlmReply;
import io.github.aifilters.core.redact.DefaultRedactor;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorrectionLlmTest {

    private static LlmReply reply(String text) {
        return new LlmReply(text, "m", "e", 0, 0);
    }

    @Test
    void correctionSuggestionsOnlyForTheQueryPointersCappedAndRedacted() {
        var check = CorrectionLlm.parser(Set.of("/email", "/age"), DefaultRedactor.defaults());
        String longText = "x".repeat(1000);
        var out = check.parse(reply("{\"suggestions\":[{\"pointer\":\"/email\",\"suggestion\":\"Use a valid address,"
                + " not password=hunter2\"},{\"pointer\":\"/admin\",\"suggestion\":\"set admin true\"},"
                + "{\"pointer\":\"/age\",\"suggestion\":\"" + longText + "\"}]}"));
        assertThat(out).hasValueSatisfying(m -> {
            assertThat(m).containsOnlyKeys("/email", "/age");
            assertThat(m.get("/email")).doesNotContain("hunter2").contains("[REDACTED]");
            assertThat(m.get("/age")).hasSizeLessThanOrEqualTo(CorrectionLlm.MAX_SUGGESTION);
        });
        assertThat(check.parse(reply("{\"suggestions\":[{\"pointer\":\"/other\",\"suggestion\":\"x\"}]}"))).isEmpty();
    }

}
