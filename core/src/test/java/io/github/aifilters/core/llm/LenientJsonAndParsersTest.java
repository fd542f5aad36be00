package io.github.aifilters.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.internal.LenientJson;
import io.github.aifilters.core.redact.DefaultRedactor;
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
    void unitAcceptsNumbersAndNumericStringsInZeroToOne() {
        var o = LenientJson.extractObject("{\"a\":0.5,\"b\":\"0.25\",\"c\":1.5,\"d\":\"x\"}").orElseThrow();
        assertThat(ReplyParsers.unit(o.get("a"))).contains(0.5);
        assertThat(ReplyParsers.unit(o.get("b"))).contains(0.25);
        assertThat(ReplyParsers.unit(o.get("c"))).isEmpty();
        assertThat(ReplyParsers.unit(o.get("d"))).isEmpty();
        assertThat(ReplyParsers.unit(null)).isEmpty();
    }

    @Test
    void cleanRedactsStripsControlsAndCaps() {
        String out = ReplyParsers.clean(" use\u0007 password=hunter2 " + "z".repeat(500), 100, DefaultRedactor.defaults());
        assertThat(out).doesNotContain("hunter2").doesNotContain("\u0007").hasSizeLessThanOrEqualTo(100);
        assertThat(ReplyParsers.clean("   ", 10, DefaultRedactor.defaults())).isNull();
    }
}
