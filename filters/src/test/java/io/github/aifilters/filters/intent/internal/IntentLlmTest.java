package io.github.aifilters.filters.intent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.llm.LlmReply;
import io.github.aifilters.core.redact.DefaultRedactor;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntentLlmTest {

    private static LlmReply reply(String text) {
        return new LlmReply(text, "m", "e", 0, 0);
    }

    @Test
    void intentMustBeAKnownLabelOrNone() {
        var check = IntentLlm.parser(Set.of("search", "create_user"));
        assertThat(check.parse(reply("{\"intent\":\"Create_User\",\"confidence\":0.8}")))
                .hasValueSatisfying(a -> assertThat(a.intent()).isEqualTo("create_user"));
        assertThat(check.parse(reply("{\"intent\":\"none\",\"confidence\":0.8}"))).isPresent();
        assertThat(check.parse(reply("{\"intent\":\"delete_everything\",\"confidence\":0.99}"))).isEmpty();
        assertThat(check.parse(reply("{\"intent\":\"search\",\"confidence\":1.5}"))).isEmpty();
        assertThat(check.parse(reply("{\"intent\":\"search\",\"confidence\":-0.1}"))).isEmpty();
        assertThat(check.parse(reply("{\"intent\":\"search\"}"))).isEmpty();
        assertThat(check.parse(reply("not json"))).isEmpty();
    }

}
