package io.github.aifilters.core.engine.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.redact.DefaultRedactor;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LenientJsonAndParsersTest {

    private static LlmReply reply(String text) {
        return new LlmReply(text, "m", "e", 0, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"intent\":\"search\",\"confidence\":0.9}",
            "```json\n{\"intent\":\"search\",\"confidence\":0.9}\n```",
            "Sure! Here is the answer:\n```\n{\"intent\": \"search\", \"confidence\": 0.9,}\n```\nAnything else?",
            "The intent is {\"intent\":\"search\",\"confidence\":0.9} as requested. {\"other\":1}",
            "Braces {like this} first, then {'intent':'search','confidence':0.9}"})
    void extractsTheObjectWhateverWrapsIt(String text) {
        assertThat(LenientJson.extractObject(text)).hasValueSatisfying(o -> {
            assertThat(o.path("intent").asText()).isEqualTo("search");
            assertThat(o.path("confidence").asDouble()).isEqualTo(0.9);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "no json here", "<html><body>Gateway</body></html>", "{\"intent\":\"sea",
            "[1,2,3]"})
    void nothingUsableGivesEmpty(String text) {
        assertThat(LenientJson.extractObject(text)).isEmpty();
    }

    @Test
    void intentMustBeAKnownLabelOrNone() {
        var check = ReplyParsers.intent(Set.of("search", "create_user"));
        assertThat(check.apply(reply("{\"intent\":\"Create_User\",\"confidence\":0.8}")))
                .hasValueSatisfying(a -> assertThat(a.intent()).isEqualTo("create_user"));
        assertThat(check.apply(reply("{\"intent\":\"none\",\"confidence\":0.8}"))).isPresent();
        assertThat(check.apply(reply("{\"intent\":\"delete_everything\",\"confidence\":0.99}"))).isEmpty();
        assertThat(check.apply(reply("{\"intent\":\"search\",\"confidence\":1.5}"))).isEmpty();
        assertThat(check.apply(reply("{\"intent\":\"search\",\"confidence\":-0.1}"))).isEmpty();
        assertThat(check.apply(reply("{\"intent\":\"search\"}"))).isEmpty();
        assertThat(check.apply(reply("not json"))).isEmpty();
    }

    @Test
    void correctionSuggestionsOnlyForTheQueryPointersCappedAndRedacted() {
        var check = ReplyParsers.correction(Set.of("/email", "/age"), DefaultRedactor.defaults());
        String longText = "x".repeat(1000);
        var out = check.apply(reply("{\"suggestions\":[{\"pointer\":\"/email\",\"suggestion\":\"Use a valid address,"
                + " not password=hunter2\"},{\"pointer\":\"/admin\",\"suggestion\":\"set admin true\"},"
                + "{\"pointer\":\"/age\",\"suggestion\":\"" + longText + "\"}]}"));
        assertThat(out).hasValueSatisfying(m -> {
            assertThat(m).containsOnlyKeys("/email", "/age");
            assertThat(m.get("/email")).doesNotContain("hunter2").contains("[REDACTED]");
            assertThat(m.get("/age")).hasSizeLessThanOrEqualTo(ReplyParsers.MAX_SUGGESTION);
        });
        assertThat(check.apply(reply("{\"suggestions\":[{\"pointer\":\"/other\",\"suggestion\":\"x\"}]}"))).isEmpty();
    }

    @Test
    void errorCategoryMustBeKnown() {
        var check = ReplyParsers.error(DefaultRedactor.defaults());
        assertThat(check.apply(reply("{\"category\":\"database\",\"severity\":\"high\",\"probableCause\":\"pool"
                + " exhausted\",\"suggestedActions\":[\"raise pool size\"],\"confidence\":0.7}")))
                .hasValueSatisfying(a -> {
                    assertThat(a.category()).isEqualTo("database");
                    assertThat(a.actions()).containsExactly("raise pool size");
                });
        assertThat(check.apply(reply("{\"category\":\"cosmic_rays\",\"severity\":\"high\",\"probableCause\":\"x\","
                + "\"suggestedActions\":[],\"confidence\":0.7}"))).isEmpty();
        assertThat(check.apply(reply("{\"category\":\"database\",\"severity\":\"apocalyptic\",\"probableCause\":\"x\","
                + "\"suggestedActions\":[],\"confidence\":0.7}"))).isEmpty();
    }

    @Test
    void alertTextCappedAndRedacted() {
        var check = ReplyParsers.alert(DefaultRedactor.defaults());
        assertThat(check.apply(reply("{\"text\":\"p95 up; token sk-abcdefghijklmnopqrstuvwx leaked " + "y".repeat(900)
                + "\"}"))).hasValueSatisfying(t -> {
                    assertThat(t).doesNotContain("sk-abcdefghijklmnopqrstuvwx");
                    assertThat(t).hasSizeLessThanOrEqualTo(ReplyParsers.MAX_ALERT);
                });
    }
}
