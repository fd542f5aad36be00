package io.github.aifilters.filters.intent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.attr.AiAttributes;
import io.github.aifilters.core.exchange.IntentResult;
import io.github.aifilters.core.testing.FakeOpenAiServer;
import io.github.aifilters.core.testing.TestServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The intent filter with the LLM switched on through the web app's context-params (as an app would), against a fake
 * OpenAI-compatible endpoint on loopback: a good answer improves on the embedded one, a label outside the configured
 * set is ignored, and a hung endpoint never holds the response past the deadline.
 */
class IntentLlmEscalationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);

    private static FakeOpenAiServer fake;
    private static TestServer server;

    /** Echoes the intent attribute the app received. */
    static final class Echo extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            IntentResult r = AiAttributes.INTENT.get(req).orElse(null);
            res.setContentType("application/json");
            new ObjectMapper().writeValue(res.getOutputStream(), r == null ? Map.of()
                    : Map.of("intent", r.intent(), "source", r.source().name(), "confidence", r.confidence()));
        }
    }

    @BeforeAll
    static void start() {
        fake = FakeOpenAiServer.start();
        server = TestServer.start(ctx -> {
            ctx.setInitParameter("aifilters.llm.baseUrl", fake.baseUrl());
            ctx.setInitParameter("aifilters.llm.apiKey", "test-key");
            ctx.setInitParameter("aifilters.llm.model", "gpt-4-turbo");
            ctx.setInitParameter("aifilters.llm.deadline", DEADLINE.toMillis() + "ms");
            ctx.setInitParameter("aifilters.llm.timeout", "10s");
            ctx.setInitParameter("aifilters.llm.maxRetries", "0");
            ctx.setInitParameter("aifilters.llm.breaker.minCalls", "100");
            FilterHolder intent = new FilterHolder(new IntentRecognitionFilter());
            intent.setInitParameter(IntentFilterConfig.INTENTS_FILE, "classpath:intent/shop-intents.yaml");
            // every answer is escalated, so the test does not depend on how sure the embedded model is
            intent.setInitParameter(IntentFilterConfig.ESCALATE_BELOW, "1.0");
            ctx.addFilter(intent, "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new Echo()), "/*");
        });
        warmUp();
    }

    /** openai-java's first call loads many classes; wait until an answer comes through within the deadline. */
    private static void warmUp() {
        fake.setDefault(FakeOpenAiServer.reply("{\"intent\":\"search\",\"confidence\":0.95}"));
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int i = 0;
        while (System.nanoTime() < until) {
            HttpResponse<String> r = server.get("/q?q=warm+up+" + i++);
            if (r.body().contains("\"source\":\"LLM\"")) {
                return;
            }
        }
        throw new IllegalStateException("the LLM path never answered within the deadline");
    }

    @AfterAll
    static void stop() {
        server.close();
        fake.close();
    }

    @BeforeEach
    void clearScript() {
        fake.setDefault(FakeOpenAiServer.reply("{\"intent\":\"search\",\"confidence\":0.95}"));
    }

    @Test
    void aGoodLlmAnswerReplacesTheEmbeddedOneAndSetsTheHeaders() {
        fake.setDefault(FakeOpenAiServer.reply("{\"intent\":\"create_user\",\"confidence\":0.93}"));
        int before = fake.requestCount();
        HttpResponse<String> r = server.get("/q?q=please+onboard+my+new+colleague+alex");
        assertThat(fake.requestCount()).isEqualTo(before + 1);
        assertThat(r.body()).contains("\"intent\":\"create_user\"").contains("\"source\":\"LLM\"");
        assertThat(r.headers().firstValue("X-AI-Intent")).hasValue("create_user");
        assertThat(r.headers().firstValue("X-AI-Confidence")).hasValue("0.930");
        assertThat(fake.requests().get(fake.requestCount() - 1).prompt())
                .contains("please onboard my new colleague alex").contains("create_user");
    }

    @Test
    void aLabelOutsideTheConfiguredIntentsIsIgnored() {
        fake.setDefault(FakeOpenAiServer.reply("{\"intent\":\"transfer_money\",\"confidence\":0.99}"));
        HttpResponse<String> r = server.get("/q?q=find+red+shoes+for+my+sister");
        assertThat(r.body()).contains("\"source\":\"EMBEDDED\"").doesNotContain("transfer_money");
        assertThat(r.headers().firstValue("X-AI-Intent")).isNotEqualTo(java.util.Optional.of("transfer_money"));
    }

    @Test
    void aHungEndpointNeverHoldsTheResponsePastTheDeadline() {
        fake.setDefault(FakeOpenAiServer.hang(Duration.ofSeconds(8), "{\"intent\":\"search\",\"confidence\":0.9}"));
        long start = System.nanoTime();
        HttpResponse<String> r = server.get("/q?q=look+up+cheap+flights+to+rome+tomorrow");
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"source\":\"EMBEDDED\"");
        // behavioural bound (the hang is 8 s): released at the deadline plus a margin, not when the LLM answers
        assertThat(waited).isLessThan(DEADLINE.plusSeconds(3));
    }

    @Test
    void secretsInTheRequestNeverReachThePrompt() {
        int before = fake.requestCount();
        server.get("/q?q=search+orders+for+card+4111+1111+1111+1111+with+key+sk-live-0123456789abcdefghij");
        assertThat(fake.requestCount()).isEqualTo(before + 1);
        String prompt = fake.requests().get(fake.requestCount() - 1).body();
        assertThat(prompt).doesNotContain("4111 1111 1111 1111").doesNotContain("sk-live-0123456789abcdefghij");
    }
}
