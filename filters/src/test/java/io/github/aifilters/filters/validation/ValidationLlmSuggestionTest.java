package io.github.aifilters.filters.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With an LLM configured for the web app (context-params) and {@code llmEscalate=true}, a violation the embedded
 * rules cannot explain gets the LLM's suggestion text, checked and redacted; the LLM never decides validity, and a
 * hung endpoint never holds the 400 past the deadline.
 */
class ValidationLlmSuggestionTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code /meta} breaks a rule ({@code minProperties}) for which the embedded rules have no suggestion. */
    private static final String INVALID = "{\"name\":\"Ada\",\"meta\":{\"a\":1},\"password\":\"hunter2hunter2\"}";

    private static FakeOpenAiServer fake;
    private static TestServer server;

    static final class Created extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            res.setStatus(201);
        }
    }

    @BeforeAll
    static void start() {
        fake = FakeOpenAiServer.start();
        server = TestServer.start(ctx -> {
            ctx.setInitParameter("aifilters.llm.baseUrl", fake.baseUrl());
            ctx.setInitParameter("aifilters.llm.apiKey", "test-key");
            ctx.setInitParameter("aifilters.llm.deadline", DEADLINE.toMillis() + "ms");
            ctx.setInitParameter("aifilters.llm.timeout", "10s");
            ctx.setInitParameter("aifilters.llm.maxRetries", "0");
            ctx.setInitParameter("aifilters.llm.breaker.minCalls", "100");
            ctx.setInitParameter("aifilters.llm.cache.enabled", "false");
            FilterHolder validation = new FilterHolder(new SmartValidationFilter());
            validation.setInitParameter(ValidationFilterConfig.ROUTES,
                    "POST /api/users=classpath:validation/llm.schema.json");
            validation.setInitParameter(ValidationFilterConfig.LLM_ESCALATE, "true");
            ctx.addFilter(validation, "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new Created()), "/*");
        });
        // openai-java's first call loads many classes: wait until a suggestion comes through within the deadline
        fake.setDefault(suggestion("add at least one more property to meta"));
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until && !metaOf(post(INVALID)).has("suggestion")) {
            Thread.onSpinWait();
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        fake.close();
    }

    private static FakeOpenAiServer.Behaviour suggestion(String text) {
        return FakeOpenAiServer.reply("{\"suggestions\":[{\"pointer\":\"/meta\",\"suggestion\":\"" + text + "\"},"
                + "{\"pointer\":\"/name\",\"suggestion\":\"a pointer that was not asked about\"}]}");
    }

    private static HttpResponse<String> post(String body) {
        return server.postJson("/api/users", body);
    }

    private static JsonNode metaOf(HttpResponse<String> r) {
        try {
            for (JsonNode e : JSON.readTree(r.body()).path("errors")) {
                if (e.path("pointer").asText().equals("/meta")) {
                    return e;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no /meta violation in " + r.body());
    }

    @Test
    void theLlmAddsASuggestionOnlyWhereTheEmbeddedRulesHadNone() throws Exception {
        fake.setDefault(suggestion("add at least one more property to meta"));
        HttpResponse<String> r = post(INVALID);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(metaOf(r).path("suggestion").asText())
                .isEqualTo("add at least one more property to meta");
        assertThat(r.body()).doesNotContain("a pointer that was not asked about");
        String prompt = fake.requests().get(fake.requestCount() - 1).body();
        assertThat(prompt).contains("/meta").doesNotContain("hunter2hunter2");
    }

    @Test
    void theLlmNeverDecidesValidity() {
        fake.setDefault(FakeOpenAiServer.reply("{\"valid\":true,\"suggestions\":[]}"));
        assertThat(post(INVALID).statusCode()).isEqualTo(400);
        assertThat(post("{\"name\":\"Ada\",\"meta\":{\"a\":1,\"b\":2}}").statusCode())
                .isEqualTo(201);
    }

    @Test
    void aHungEndpointNeverHoldsTheReportPastTheDeadline() {
        fake.setDefault(FakeOpenAiServer.hang(Duration.ofSeconds(8), "{\"suggestions\":[]}"));
        long start = System.nanoTime();
        HttpResponse<String> r = post(INVALID);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(metaOf(r).has("suggestion")).isFalse();
        assertThat(waited).isLessThan(DEADLINE.plusSeconds(3)); // behavioural bound: the hang is 8 s
    }
}
