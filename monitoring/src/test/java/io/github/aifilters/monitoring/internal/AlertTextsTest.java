package io.github.aifilters.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.filter.AlertQuery;
import io.github.aifilters.core.llm.EngineSource;
import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.llm.LlmReply;
import io.github.aifilters.core.redact.DefaultRedactor;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertTextsTest {

    private static LlmReply reply(String text) {
        return new LlmReply(text, "m", "e", 0, 0);
    }

    @Test
    void alertTextCappedAndRedacted() {
        var check = AlertTexts.parser(DefaultRedactor.defaults());
        assertThat(check.parse(reply("{\"text\":\"p95 up; token sk-abcdefghijklmnopqrstuvwx leaked " + "y".repeat(900)
                + "\"}"))).hasValueSatisfying(t -> {
                    assertThat(t).doesNotContain("sk-abcdefghijklmnopqrstuvwx");
                    assertThat(t).hasSizeLessThanOrEqualTo(AlertTexts.MAX_ALERT);
                });
    }

    @Test
    void withoutAnLlmTheEmbeddedTemplateWritesTheMessage() {
        AlertQuery q = new AlertQuery("latency.p95 GET /api/x", "latency.p95", "GET /api/x", 850, 120, 6.2, "high",
                Instant.parse("2026-01-01T00:00:00Z"), Map.of(), true);
        AlertMessage m = AlertTexts.write(q, LlmClient.disabled(), DefaultRedactor.defaults());
        assertThat(m.source()).isEqualTo(EngineSource.EMBEDDED);
        assertThat(m.text()).isEqualTo("[HIGH] latency.p95 of GET /api/x is 850, above its baseline of 120 "
                + "(6.2 robust deviations) at 2026-01-01T00:00:00Z.");
    }
}
