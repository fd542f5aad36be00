package io.github.aifilters.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.llm.ReplyParsers;
import io.github.aifilters.core.redact.DefaultRedactor;
import io.github.aifilters.core.testing.FakeOpenAiServer;
import io.github.aifilters.core.testing.TestServer;
import io.github.aifilters.openai.EndpointConfig;
import io.github.aifilters.openai.LlmClients;
import io.github.aifilters.openai.LlmEngine;
import io.github.aifilters.openai.LlmGatewayConfig;
import io.github.aifilters.openai.OpenAiEngineConfig;
import io.github.aifilters.openai.internal.OpenAiTestSupport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The LLM side for real: the shared LLM client is the openai module's gateway over its engine, talking HTTP to
 * a fake OpenAI-compatible server that takes its time. The filter must ask once per fingerprint, never make a client
 * wait for the answer, send no secret, and attach the answer to later log lines and to the ops view.
 */
class LlmAnalysisEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long the fake LLM sleeps before answering. */
    private static final Duration HANG = Duration.ofSeconds(3);
    /** A valid error-analysis answer (ReplyParsers.error): known category and severity, confidence in [0, 1]. */
    private static final String ANALYSIS = "{\"category\":\"external_service\",\"severity\":\"high\","
            + "\"probableCause\":\"LLM: the payment provider refuses connections from this host\","
            + "\"suggestedActions\":[\"Check the provider's status page\",\"Check the egress firewall rules\"],"
            + "\"confidence\":0.82}";

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger eventLogger = (Logger) LoggerFactory.getLogger(ErrorAnalysisFilter.DEFAULT_LOGGER_NAME);
    private FakeOpenAiServer fake;
    private LlmClient engine;
    private TestServer server;

    @BeforeEach
    void start() {
        events.start();
        eventLogger.addAppender(events);
        fake = FakeOpenAiServer.start();
        fake.setDefault(FakeOpenAiServer.hang(HANG, ANALYSIS));
        LlmEngine llm = OpenAiTestSupport.warmedEngine(OpenAiEngineConfig.of(
                EndpointConfig.of("fake", fake.baseUrl(), "test-key-for-the-fake-server", "gpt-4o-mini")
                        .withMaxRetries(0).withTimeout(Duration.ofSeconds(30))), Duration.ofSeconds(30));
        // The gateway's deadline is longer than the hang: the background call waits for the answer, clients do not.
        engine = LlmClients.gateway(llm, LlmGatewayConfig.builder().deadline(Duration.ofSeconds(30)).build(),
                new SimpleMeterRegistry());
        server = ErrorAnalysisFilterHttpTest.start(ErrorFilterConfig.builder()
                .inAppPackages(List.of("io.github.aifilters.errors.TestApp")).build(), engine);
    }

    @AfterEach
    void stop() {
        eventLogger.detachAppender(events);
        server.close();
        engine.close();
        fake.close();
    }

    @Test
    void oneLlmCallFor100IdenticalErrorsNoClientWaitsAndNoSecretIsSent() throws Exception {
        // Warms the server up, so that the bound below measures the filter, not the first request's start-up.
        assertThat(server.get("/app/ok").statusCode()).isEqualTo(200);
        String fingerprint = null;
        long slowestNanos = 0;
        for (int i = 0; i < 100; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = server.get("/app/llm-secrets/" + i);
            slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
            assertThat(r.statusCode()).isEqualTo(502);
            String fp = JSON.readTree(r.body()).path("fingerprint").asText();
            assertThat(fingerprint == null || fingerprint.equals(fp)).as("same fingerprint").isTrue();
            fingerprint = fp;
        }
        // A behavioural bound, not a benchmark: had any response waited for the LLM, it would have taken the hang.
        assertThat(Duration.ofNanos(slowestNanos)).isLessThan(HANG.dividedBy(2));

        // The single background call reaches the fake server (it may still be on its way when the burst ends).
        awaitTrue(() -> fake.requestCount() >= 1, Duration.ofSeconds(10));
        assertThat(fake.requestCount()).isEqualTo(1);
        String prompt = fake.requests().get(0).prompt();
        assertThat(prompt).contains("IllegalStateException").contains("ConnectException"); // it is the right prompt
        assertThat(prompt).doesNotContain(TestApp.LlmSecrets.BEARER, TestApp.LlmSecrets.PASSWORD,
                TestApp.LlmSecrets.CARD, "4111111111111111", TestApp.LlmSecrets.SK_KEY);
        assertThat(fake.requests().get(0).body()).doesNotContain(TestApp.LlmSecrets.BEARER,
                TestApp.LlmSecrets.PASSWORD, TestApp.LlmSecrets.CARD, TestApp.LlmSecrets.SK_KEY);

        // Once the answer is in, later errors of the fingerprint log it.
        Map<String, Object> kv = Map.of();
        long deadline = System.nanoTime() + HANG.plusSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            events.list.clear();
            server.get("/app/llm-secrets/later");
            kv = ErrorAnalysisFilterHttpTest.kv(events.list.stream()
                    .filter(e -> ErrorAnalysisFilterHttpTest.kv(e).containsKey("errorId")).findFirst().orElseThrow());
            if (kv.containsKey("llmProbableCause")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(kv.get("fingerprint")).isEqualTo(fingerprint);
        assertThat((String) kv.get("llmProbableCause")).startsWith("LLM: the payment provider");
        assertThat((String) kv.get("llmSuggestedActions")).contains("status page");
        // Still the one call: the answer is cached per fingerprint.
        assertThat(fake.requestCount()).isEqualTo(1);

        // The ops view shows it.
        JsonNode ops = JSON.readTree(server.send(server.request("/_ai/errors")
                .header("Authorization", "Bearer ops-token").GET().build()).body());
        JsonNode group = null;
        for (JsonNode g : ops.path("fingerprints")) {
            if (fingerprint.equals(g.path("fingerprint").asText())) {
                group = g;
            }
        }
        assertThat(group).as("fingerprint in the ops view").isNotNull();
        assertThat(group.path("count").asLong()).isGreaterThanOrEqualTo(101);
        assertThat(group.path("llmAnalysis").path("source").asText()).isEqualTo("LLM");
        assertThat(group.path("llmAnalysis").path("probableCause").asText()).startsWith("LLM: the payment provider");
        assertThat(ops.toString()).doesNotContain(TestApp.LlmSecrets.PASSWORD, TestApp.LlmSecrets.SK_KEY);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
