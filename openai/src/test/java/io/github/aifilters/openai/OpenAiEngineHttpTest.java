package io.github.aifilters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.aifilters.core.exchange.IntentResult;
import io.github.aifilters.core.llm.EngineSource;
import io.github.aifilters.core.llm.LlmCallEvent;
import io.github.aifilters.core.llm.LlmOutcome;
import io.github.aifilters.core.redact.DefaultRedactor;
import io.github.aifilters.core.testing.FakeOpenAiServer;
import io.github.aifilters.openai.internal.LlmGateway;
import io.github.aifilters.openai.internal.OpenAiLlmEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The engine over real HTTP against a fake OpenAI-compatible server, through the gateway and the hybrid engine. */
class OpenAiEngineHttpTest {

    private static final String KEY = "test-key-for-the-fake-server";
    private static final String INTENT_OK = "{\"intent\":\"create_user\",\"confidence\":0.91}";

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<LlmCallEvent> events = new CopyOnWriteArrayList<>();
    private FakeOpenAiServer fake;

    @BeforeEach
    void start() {
        fake = FakeOpenAiServer.start();
        toClose.add(fake);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private static EndpointConfig endpoint(String name, String baseUrl) {
        return EndpointConfig.of(name, baseUrl, KEY, "gpt-4o-mini").withMaxRetries(0).withTimeout(Duration.ofSeconds(5));
    }

    private LlmGateway hybrid(LlmGatewayConfig gatewayConfig, EndpointConfig... endpoints) {
        return hybrid(gatewayConfig, OpenAiEngineConfig.of(endpoints));
    }

    private LlmGateway hybrid(LlmGatewayConfig gatewayConfig, OpenAiEngineConfig config) {
        OpenAiLlmEngine engine = new OpenAiLlmEngine(config);
        assertThat(engine.awaitWarm(30, TimeUnit.SECONDS)).isTrue();
        LlmGateway gateway = new LlmGateway(engine, gatewayConfig, new SimpleMeterRegistry(), events::add);
        toClose.add(gateway);
        return gateway;
    }

    private static LlmGatewayConfig.Builder gw() {
        return LlmGatewayConfig.builder().cacheEnabled(false).deadline(Duration.ofSeconds(5));
    }

    private static IntentResult classify(LlmGateway h, String text) {
        return TestPrompts.classify(h, text);
    }

    @Test
    void answersFromTheLlmAndSendsTheKeyToTheEndpointOnly() {
        fake.setDefault(FakeOpenAiServer.reply(INTENT_OK));
        LlmGateway h = hybrid(gw().build(), endpoint("main", fake.baseUrl()));
        IntentResult r = classify(h, "please register bob as a new user");
        assertThat(r.source()).isEqualTo(EngineSource.LLM);
        assertThat(r.intent()).isEqualTo("create_user");
        assertThat(r.confidence()).isEqualTo(0.91);
        assertThat(r.latency()).isPositive();
        FakeOpenAiServer.Captured req = fake.requests().get(0);
        assertThat(req.path()).isEqualTo("/v1/chat/completions");
        assertThat(req.headers().get("authorization")).containsExactly("Bearer " + KEY);
        assertThat(fake.modelListCount()).isEqualTo(1); // the free warm-up probe, sent before the first call
        assertThat(req.prompt()).contains("please register bob as a new user");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(LlmOutcome.SUCCESS);
            assertThat(e.endpoint()).isEqualTo("main");
            assertThat(e.inputTokens()).isEqualTo(42);
            assertThat(e.outputTokens()).isEqualTo(7);
        });
    }

    @Test
    void structuredOutputSendsTheJsonSchema() {
        fake.setDefault(FakeOpenAiServer.reply(INTENT_OK));
        LlmGateway h = hybrid(gw().build(), endpoint("main", fake.baseUrl()));
        classify(h, "make a report");
        JsonNode format = fake.requests().get(0).json().path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("intent_result");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        List<String> allowed = new ArrayList<>();
        format.path("json_schema").path("schema").path("properties").path("intent").path("enum")
                .forEach(n -> allowed.add(n.asText()));
        assertThat(allowed).containsExactlyInAnyOrder("search", "create_user", "generate_report", "none");
        assertThat(fake.requests().get(0).json().path("max_tokens").asInt()).isPositive();
    }

    @Test
    void withoutStructuredOutputTheAnswerIsStillFoundInProse() {
        fake.setDefault(FakeOpenAiServer.reply("Sure! Here you go:\n```json\n" + INTENT_OK + "\n```\nHope it helps."));
        LlmGateway h = hybrid(gw().build(), endpoint("local", fake.baseUrl()).withStructuredOutput(false));
        IntentResult r = classify(h, "new user please");
        assertThat(r.source()).isEqualTo(EngineSource.LLM);
        assertThat(r.intent()).isEqualTo("create_user");
        assertThat(fake.requests().get(0).json().has("response_format")).isFalse();
    }

    @Test
    void endpointRejectingTheSchemaIsAskedAgainWithoutIt() {
        fake.enqueue(FakeOpenAiServer.status(400));
        fake.setDefault(FakeOpenAiServer.reply("The answer: " + INTENT_OK));
        LlmGateway h = hybrid(gw().build(), endpoint("old-server", fake.baseUrl()));
        assertThat(classify(h, "new user").source()).isEqualTo(EngineSource.LLM);
        assertThat(classify(h, "another user").source()).isEqualTo(EngineSource.LLM);
        assertThat(fake.requests()).extracting(r -> r.json().has("response_format")).containsExactly(true, false, false);
    }

    @Test
    void retriesOn429And500ThenSucceeds() {
        fake.enqueue(FakeOpenAiServer.status(429), FakeOpenAiServer.status(500));
        fake.setDefault(FakeOpenAiServer.reply(INTENT_OK));
        LlmGateway h = hybrid(gw().deadline(Duration.ofSeconds(10)).build(),
                endpoint("main", fake.baseUrl()).withMaxRetries(2));
        IntentResult r = classify(h, "new user");
        assertThat(r.source()).isEqualTo(EngineSource.LLM);
        assertThat(fake.requestCount()).isEqualTo(3);
    }

    @Test
    void hangPastTheDeadlineReleasesTheCallerWithTheEmbeddedAnswer() {
        fake.setDefault(FakeOpenAiServer.hang(Duration.ofSeconds(4), INTENT_OK));
        LlmGateway h = hybrid(gw().deadline(Duration.ofMillis(300)).build(), endpoint("main", fake.baseUrl()));
        long start = System.nanoTime();
        IntentResult r = classify(h, "new user");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(r.source()).isEqualTo(EngineSource.EMBEDDED);
        assertThat(r.intent()).isEqualTo("search");
        // Behavioural bound (deadline + generous margin), not a speed benchmark.
        assertThat(ms).isLessThan(1500);
        assertThat(events).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo(LlmOutcome.TIMEOUT));
    }

    @Test
    void htmlAndTruncatedBodiesGiveTheEmbeddedAnswer() {
        fake.enqueue(FakeOpenAiServer.html(), FakeOpenAiServer.truncated());
        LlmGateway h = hybrid(gw().build(), endpoint("main", fake.baseUrl()));
        assertThat(classify(h, "one").source()).isEqualTo(EngineSource.EMBEDDED);
        assertThat(classify(h, "two").source()).isEqualTo(EngineSource.EMBEDDED);
        assertThat(fake.requestCount()).isEqualTo(2);
        assertThat(events).extracting(LlmCallEvent::outcome).containsExactly(LlmOutcome.FAILURE, LlmOutcome.FAILURE);
    }

    @Test
    void refusedConnectionGivesTheEmbeddedAnswer() {
        LlmGateway h = hybrid(gw().build(), endpoint("gone", FakeOpenAiServer.closedPortBaseUrl()));
        IntentResult r = classify(h, "new user");
        assertThat(r.source()).isEqualTo(EngineSource.EMBEDDED);
        assertThat(events).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo(LlmOutcome.FAILURE));
    }

    @Test
    void failsOverToTheSecondEndpoint() {
        FakeOpenAiServer second = FakeOpenAiServer.start();
        toClose.add(second);
        fake.setDefault(FakeOpenAiServer.status(500));
        second.setDefault(FakeOpenAiServer.reply(INTENT_OK));
        LlmGateway h = hybrid(gw().build(), endpoint("local", fake.baseUrl()),
                endpoint("hosted", second.baseUrl()).withWeight(0));
        IntentResult r = classify(h, "new user");
        assertThat(r.source()).isEqualTo(EngineSource.LLM);
        assertThat(fake.requestCount()).isEqualTo(1);
        assertThat(second.requestCount()).isEqualTo(1);
        assertThat(events).singleElement().satisfies(e -> assertThat(e.endpoint()).isEqualTo("hosted"));
    }

    @Test
    void failingEndpointIsSkippedDuringItsCoolDown() {
        FakeOpenAiServer second = FakeOpenAiServer.start();
        toClose.add(second);
        fake.setDefault(FakeOpenAiServer.status(503));
        second.setDefault(FakeOpenAiServer.reply(INTENT_OK));
        OpenAiEngineConfig cfg = OpenAiEngineConfig.of(endpoint("local", fake.baseUrl()),
                endpoint("hosted", second.baseUrl()).withWeight(0)).withHealth(2, Duration.ofMinutes(5),
                Duration.ofSeconds(5));
        LlmGateway h = hybrid(gw().build(), cfg);
        for (int i = 0; i < 5; i++) {
            assertThat(classify(h, "new user " + i).source()).isEqualTo(EngineSource.LLM);
        }
        assertThat(fake.requestCount()).isEqualTo(2);
        assertThat(second.requestCount()).isEqualTo(5);
    }

    @Test
    void breakerOpensAndStopsCallingTheProvider() {
        fake.setDefault(FakeOpenAiServer.status(500));
        LlmGateway h = hybrid(gw().breakerWindow(4).breakerMinCalls(4).breakerOpenFor(Duration.ofMinutes(5)).build(),
                endpoint("main", fake.baseUrl()));
        for (int i = 0; i < 4; i++) {
            assertThat(classify(h, "q" + i).source()).isEqualTo(EngineSource.EMBEDDED);
        }
        int made = fake.requestCount();
        assertThat(made).isEqualTo(4);
        for (int i = 0; i < 6; i++) {
            assertThat(classify(h, "later " + i).source()).isEqualTo(EngineSource.EMBEDDED);
        }
        assertThat(fake.requestCount()).isEqualTo(made);
        assertThat(events.subList(4, 10)).extracting(LlmCallEvent::outcome).containsOnly(LlmOutcome.CIRCUIT_OPEN);
        assertThat(h.breakerState()).isEqualTo("OPEN");
    }

    @Test
    void intentOutsideTheLabelSetIsIgnored() {
        fake.setDefault(FakeOpenAiServer.reply("{\"intent\":\"wire_money\",\"confidence\":0.99}"));
        LlmGateway h = hybrid(gw().build(), endpoint("main", fake.baseUrl()));
        IntentResult r = classify(h, "send all my money");
        assertThat(r.source()).isEqualTo(EngineSource.EMBEDDED);
        assertThat(r.intent()).isEqualTo("search");
        assertThat(fake.requestCount()).isEqualTo(1);
        assertThat(events).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo(LlmOutcome.INVALID));
    }

    @Test
    void dailyTokenQuotaStopsCallsForTheDay() {
        fake.setDefault(FakeOpenAiServer.reply(INTENT_OK)); // 49 tokens per call
        LlmGateway h = hybrid(gw().build(), endpoint("main", fake.baseUrl()).withDailyTokenQuota(60));
        assertThat(classify(h, "one").source()).isEqualTo(EngineSource.LLM);
        assertThat(classify(h, "two").source()).isEqualTo(EngineSource.LLM);
        assertThat(classify(h, "three").source()).isEqualTo(EngineSource.EMBEDDED);
        assertThat(fake.requestCount()).isEqualTo(2);
    }

    @Test
    void secretsNeverReachThePromptNorTheLogs() {
        String bearer = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA";
        String password = "correct-horse-battery-staple";
        String card = "4111 1111 1111 1111";
        String skKey = "sk-proj-Abcdefghijklmnopqrstuvwxyz0123456789";
        String text = "Authorization: Bearer " + bearer + " please pay with " + card + " using key " + skKey
                + " password=" + password;
        // JSON written inside text, as an error message or a chat message may carry it
        String body = "{\"user\":\"bob\",\"password\":\"" + password + "\",\"card\":\"" + card + "\"}";

        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try {
            fake.enqueue(FakeOpenAiServer.reply(INTENT_OK), FakeOpenAiServer.status(500),
                    FakeOpenAiServer.reply("{\"text\":\"payments failing for card " + card + " key " + skKey + "\"}"));
            LlmGateway h = hybrid(gw().build(), endpoint("main", fake.baseUrl()));
            classify(h, text);
            classify(h, "again: " + text + " " + body);
            Optional<String> answer = TestPrompts.text(h, "lastError: " + text);

            assertThat(fake.requestCount()).isEqualTo(3);
            for (FakeOpenAiServer.Captured req : fake.requests()) {
                assertThat(req.body()).doesNotContain(bearer, password, card, "4111111111111111", skKey);
            }
            // Answers are redacted again: a model may echo a secret.
            assertThat(answer).hasValueSatisfying(t -> assertThat(t).contains("payments failing")
                    .doesNotContain(card, skKey));
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list).isNotEmpty(); // the 500 was logged: the assertion below is not vacuous
        for (ILoggingEvent e : logs.list) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                    : ThrowableProxyUtil.asString(e.getThrowableProxy()));
            assertThat(line).doesNotContain(bearer, password, card, "4111111111111111", skKey, KEY);
        }
    }

    /**
     * Issue 12 item 10: during an outage the endpoint's "failed N times in a row" warning came once per cool-down
     * (5 lines in 5 s); it is logged at most once a minute per endpoint.
     */
    @Test
    void theEndpointFailureWarningIsRateLimited() {
        fake.setDefault(FakeOpenAiServer.status(500));
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger engineLog = (Logger) LoggerFactory.getLogger(OpenAiLlmEngine.class);
        engineLog.addAppender(logs);
        try {
            LlmGateway h = hybrid(gw().breakerWindow(100).breakerMinCalls(100).build(), new OpenAiEngineConfig(
                    List.of(endpoint("main", fake.baseUrl())), 1, Duration.ofMillis(1), Duration.ofSeconds(5), true));
            for (int i = 0; i < 8; i++) {
                classify(h, "find red shoes " + i);
                sleepMillis(5); // past the 1 ms cool-down: the endpoint is tried (and fails) again
            }
        } finally {
            engineLog.detachAppender(logs);
        }
        assertThat(fake.requestCount()).isGreaterThanOrEqualTo(8); // the endpoint did fail that often
        assertThat(logs.list.stream().filter(e -> e.getFormattedMessage().contains("times in a row"))).hasSize(1);
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
