package io.github.aifilters.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.engine.llm.LlmGateway;
import io.github.aifilters.core.engine.llm.LlmGatewayConfig;
import io.github.aifilters.core.engine.llm.LlmReply;
import io.github.aifilters.core.engine.llm.ScriptedEngine;
import io.github.aifilters.core.redact.DefaultRedactor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policy and checks of the hybrid engine, over an in-process engine (the SPI); HTTP is tested in the openai module. */
class HybridEngineTest {

    private static final String SECRET_TEXT = "find order 42 Authorization: Bearer abcdefghijklmnop123456 card "
            + "4111 1111 1111 1111 key sk-proj-abcdefghijklmnopqrstuvwxyz password=hunter2hunter2";

    private static HybridEngine hybrid(ScriptedEngine engine) {
        return new HybridEngine(new EmbeddedEngine(), new LlmGateway(engine,
                LlmGatewayConfig.builder().cacheEnabled(false).build(), new SimpleMeterRegistry()),
                DefaultRedactor.defaults());
    }

    private static void assertNoSecret(String s) {
        assertThat(s).doesNotContain("abcdefghijklmnop123456", "4111 1111 1111 1111", "4111111111111111",
                "sk-proj-abcdefghijklmnopqrstuvwxyz", "hunter2hunter2");
    }

    @Test
    void weakEmbeddedIntentIsImprovedByTheLlm() {
        ScriptedEngine engine = ScriptedEngine.replying("{\"intent\":\"create_user\",\"confidence\":0.92}");
        try (HybridEngine h = hybrid(engine)) {
            IntentResult r = h.classifyIntent(new IntentQuery(SECRET_TEXT, TestIntentModel.weak(), 0.6));
            assertThat(r.intent()).isEqualTo("create_user");
            assertThat(r.confidence()).isEqualTo(0.92);
            assertThat(r.source()).isEqualTo(EngineSource.LLM);
            assertThat(r.suggestedAction()).isEqualTo("/api/users");
            assertThat(r.latency()).isPositive();
        }
        assertThat(engine.prompts()).singleElement().satisfies(p -> {
            assertNoSecret(p.system() + p.user());
            assertThat(p.user()).contains("find order 42");
            assertThat(p.jsonSchema()).isNotNull();
        });
    }

    @Test
    void confidentEmbeddedIntentNeverAsksTheLlm() {
        ScriptedEngine engine = ScriptedEngine.replying("{\"intent\":\"create_user\",\"confidence\":0.92}");
        try (HybridEngine h = hybrid(engine)) {
            IntentResult r = h.classifyIntent(new IntentQuery("x",
                    new TestIntentModel(TestIntentModel.weak().labels(), "search", 0.9), 0.6));
            assertThat(r.source()).isEqualTo(EngineSource.EMBEDDED);
        }
        assertThat(engine.calls()).isZero();
    }

    @Test
    void intentOutsideTheLabelsIsIgnored() {
        ScriptedEngine engine = ScriptedEngine.replying("{\"intent\":\"transfer_all_money\",\"confidence\":0.99}");
        try (HybridEngine h = hybrid(engine)) {
            IntentResult r = h.classifyIntent(new IntentQuery("x", TestIntentModel.weak(), 0.6));
            assertThat(r.intent()).isEqualTo("search");
            assertThat(r.confidence()).isEqualTo(0.3);
            assertThat(r.source()).isEqualTo(EngineSource.EMBEDDED);
        }
        assertThat(engine.calls()).isEqualTo(1);
    }

    @Test
    void failingLlmKeepsTheEmbeddedAnswer() {
        ScriptedEngine engine = new ScriptedEngine(p -> {
            throw new IllegalStateException("boom");
        });
        try (HybridEngine h = hybrid(engine)) {
            assertThat(h.classifyIntent(new IntentQuery("x", TestIntentModel.weak(), 0.6)).source())
                    .isEqualTo(EngineSource.EMBEDDED);
        }
    }

    @Test
    void correctionsOnlyWhenEscalatedAndOnlyForTheQueryPointers() {
        ScriptedEngine engine = ScriptedEngine.replying("{\"suggestions\":[{\"pointer\":\"/email\",\"suggestion\":"
                + "\"Use name@example.com\"},{\"pointer\":\"/role\",\"suggestion\":\"make yourself admin\"}]}");
        String body = "{\"email\":\"bob(at)example\",\"password\":\"hunter2hunter2\",\"note\":\"" + SECRET_TEXT + "\"}";
        List<CorrectionQuery.Violation> violations = List.of(new CorrectionQuery.Violation("/email",
                "validation.body.format", "must be an email"));
        try (HybridEngine h = hybrid(engine)) {
            assertThat(h.suggestCorrections(new CorrectionQuery("POST /api/users", body, violations, false))
                    .source()).isEqualTo(EngineSource.EMBEDDED);
            assertThat(engine.calls()).isZero();
            CorrectionAdvice advice = h.suggestCorrections(new CorrectionQuery("POST /api/users", body, violations, true));
            assertThat(advice.source()).isEqualTo(EngineSource.LLM);
            assertThat(advice.suggestions()).containsOnlyKeys("/email");
        }
        assertNoSecret(engine.prompts().get(0).user());
        assertThat(engine.prompts().get(0).user()).contains("bob(at)example");
    }

    @Test
    void errorAnalysisNeedsAKnownCategory() {
        ErrorQuery q = new ErrorQuery(new ErrorDescription("java.sql.SQLTransientConnectionException",
                "pool exhausted for jdbc:postgresql://db?password=hunter2hunter2", List.of(), List.of("a.B.c"), null),
                null, true);
        ScriptedEngine engine = ScriptedEngine.replying("{\"category\":\"not_a_category\",\"severity\":\"high\","
                + "\"probableCause\":\"x\",\"suggestedActions\":[],\"confidence\":0.9}");
        try (HybridEngine h = hybrid(engine)) {
            assertThat(h.analyseError(q).source()).isEqualTo(EngineSource.EMBEDDED);
            engine.set(p -> new LlmReply("{\"category\":\"database\",\"severity\":\"critical\",\"probableCause\":"
                    + "\"Connection pool exhausted\",\"suggestedActions\":[\"Check slow queries\"],\"confidence\":0.8}",
                    "m", "e", 1, 1));
            ErrorAnalysis a = h.analyseError(q);
            assertThat(a.source()).isEqualTo(EngineSource.LLM);
            assertThat(a.category()).isEqualTo("database");
            assertThat(a.status()).isEqualTo(503);
            assertThat(a.severity()).isEqualTo("critical");
        }
        engine.prompts().forEach(p -> assertNoSecret(p.user()));
    }

    @Test
    void alertTextFromTheLlmWhenEscalated() {
        ScriptedEngine engine = ScriptedEngine.replying("{\"text\":\"p95 latency of GET /api/users tripled.\"}");
        AlertQuery q = new AlertQuery("latency.p95 GET /api/users", "latency.p95", "GET /api/users", 300, 100, 4.2,
                "critical", Instant.parse("2026-01-01T00:00:00Z"), Map.of("host", "a"), true);
        try (HybridEngine h = hybrid(engine)) {
            AlertMessage m = h.writeAlertMessage(q);
            assertThat(m.source()).isEqualTo(EngineSource.LLM);
            assertThat(m.text()).isEqualTo("p95 latency of GET /api/users tripled.");
            AlertMessage local = h.writeAlertMessage(new AlertQuery(q.series(), q.metric(), q.route(), q.value(),
                    q.baseline(), q.deviation(), q.severity(), q.at(), q.context(), false));
            assertThat(local.source()).isEqualTo(EngineSource.EMBEDDED);
        }
        assertThat(engine.calls()).isEqualTo(1);
    }

    @Test
    void withoutGatewayEverythingIsEmbedded() {
        try (HybridEngine h = new HybridEngine(new EmbeddedEngine(), null, DefaultRedactor.defaults())) {
            assertThat(h.classifyIntent(new IntentQuery("x", TestIntentModel.weak(), 0.9)).source())
                    .isEqualTo(EngineSource.EMBEDDED);
        }
    }
}
