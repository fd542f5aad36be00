package io.github.aifilters.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.exchange.IntentResult;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.llm.EngineSource;
import io.github.aifilters.core.llm.LlmCallEvent;
import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.llm.LlmOutcome;
import io.github.aifilters.core.llm.LlmPrompt;
import io.github.aifilters.core.llm.PriceTable;
import io.github.aifilters.core.llm.ReplyParsers;
import io.github.aifilters.core.redact.DefaultRedactor;
import io.github.aifilters.core.testing.FakeOpenAiServer;
import io.github.aifilters.core.testing.TestServer;
import io.github.aifilters.monitoring.cost.LlmCost;
import io.github.aifilters.monitoring.internal.CostMonitor;
import io.github.aifilters.monitoring.internal.MonitoringRuntime;
import io.github.aifilters.openai.EndpointConfig;
import io.github.aifilters.openai.LlmClients;
import io.github.aifilters.openai.LlmEngine;
import io.github.aifilters.openai.LlmGatewayConfig;
import io.github.aifilters.openai.OpenAiEngineConfig;
import io.github.aifilters.openai.internal.OpenAiTestSupport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/**
 * AI cost from real LLM calls: the shared LLM client is the openai module's gateway talking to a fake
 * OpenAI server (which bills 42 prompt + 7 completion tokens per call); the monitoring filter registers its cost
 * listener at init, and the app's LLM calls show up per model, route and user on the ops endpoint.
 */
class LlmCostOverHttpTest {

    /** An intent-shaped prompt whose answer is kept as it came. */
    static Optional<String> ask(LlmClient llm, String text) {
        LlmPrompt prompt = new LlmPrompt("intent", "Classify. Answer {\"intent\": …, \"confidence\": 0..1}.",
                "Message:\n" + text, null, null, 60);
        return llm.call(prompt, reply -> ReplyParsers.object(reply).map(o -> o.path("intent").asText()));
    }

    /** The app: asks the shared LLM client about the query text, as a filter would. */
    static final class Classify extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            LlmClient llm = AiFilterContext.llm(req.getServletContext());
            Optional<String> answer = ask(llm, req.getParameter("q"));
            res.setContentType("text/plain");
            res.getWriter().write(answer.map(a -> "LLM " + a).orElse("EMBEDDED search"));
        }
    }

    @Test
    void llmCallsMadeWhileServingRequestsAreCostedByModelRouteAndUser() throws Exception {
        try (FakeOpenAiServer fake = FakeOpenAiServer.start()) {
            fake.setDefault(FakeOpenAiServer.reply("{\"intent\":\"create_user\",\"confidence\":0.9}"));
            LlmEngine llm = OpenAiTestSupport.warmedEngine(OpenAiEngineConfig.of(
                    EndpointConfig.of("main", fake.baseUrl(), "sk-test-key", "gpt-4-turbo")
                            .withMaxRetries(0).withTimeout(Duration.ofSeconds(30))), Duration.ofSeconds(30));
            LlmGatewayConfig gatewayConfig = LlmGatewayConfig.builder().cacheEnabled(false)
                    .deadline(Duration.ofSeconds(30)).build();
            try (LlmClient engine = LlmClients.gateway(llm, gatewayConfig, new SimpleMeterRegistry())) {
                SimpleMeterRegistry registry = new SimpleMeterRegistry();
                MonitoringFilter filter = new MonitoringFilter(AnomalyAlertTest.testConfig().logAlerts(false)
                        .userKeyHeader("X-User").userKeySalt("salt").build());
                try (TestServer server = TestServer.start(ctx -> {
                    ctx.setAttribute(AiFilterContext.METER_REGISTRY, registry);
                    ctx.setAttribute(AiFilterContext.LLM, engine);
                    ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
                    ctx.addServlet(new ServletHolder(new Classify()), "/intent/*");
                    ctx.addServlet(new ServletHolder(new MonitoringOpsServlet("ops-token")), "/_ai/monitoring");
                })) {
                    HttpResponse<String> first = server.send(server.request("/intent/17?q=add+bob")
                            .header("X-User", "alice@example.com").GET().build());
                    assertThat(first.statusCode()).isEqualTo(200);
                    assertThat(first.body()).isEqualTo("LLM create_user"); // the LLM really answered
                    assertThat(server.get("/intent/18?q=add+carol").statusCode()).isEqualTo(200);
                    assertThat(fake.requests()).hasSize(2);

                    LlmCost cost = filter.cost();
                    LlmCost.Totals byModel = cost.byModel().get("gpt-4-turbo");
                    assertThat(byModel).isNotNull();
                    assertThat(byModel.calls()).isEqualTo(2);
                    assertThat(byModel.inputTokens()).isEqualTo(84); // 2 x prompt_tokens 42
                    assertThat(byModel.outputTokens()).isEqualTo(14); // 2 x completion_tokens 7
                    // gpt-4-turbo: $0.01 / $0.03 per 1K tokens (core's PriceTable defaults)
                    double perCall = 42 / 1000.0 * 0.01 + 7 / 1000.0 * 0.03;
                    assertThat(byModel.costUsd()).isCloseTo(2 * perCall, within(1e-12));
                    // the calls ran on the request threads: costed to the route template and the hashed user
                    assertThat(cost.byEndpoint()).containsOnlyKeys("/intent/{id}");
                    String alice = filter.runtime().costMonitor().hashUserKey("alice@example.com");
                    assertThat(cost.byUser()).containsOnlyKeys(alice, LlmCost.UNKNOWN);

                    HttpResponse<String> ops = server.send(server.request("/_ai/monitoring")
                            .header("Authorization", "Bearer ops-token").GET().build());
                    assertThat(ops.statusCode()).isEqualTo(200);
                    JsonNode c = new ObjectMapper().readTree(ops.body()).get("cost");
                    JsonNode m = c.get("byModel").get("gpt-4-turbo");
                    assertThat(m.get("calls").asLong()).isEqualTo(2);
                    assertThat(m.get("inputTokens").asLong()).isEqualTo(84);
                    assertThat(m.get("outputTokens").asLong()).isEqualTo(14);
                    assertThat(c.get("monthSpendUsd").asDouble()).isCloseTo(2 * perCall, within(1e-9));
                    assertThat(ops.body()).doesNotContain("alice").doesNotContain("sk-test-key");
                }
                // destroy() closed the listener handle: later calls are no longer costed
                long before = fake.requests().size();
                ask(engine, "add dave");
                assertThat(fake.requests()).hasSize((int) before + 1);
                assertThat(filter.cost().byModel().get("gpt-4-turbo").calls()).isEqualTo(2);
            }
        }
    }

    @Test
    void callsToldOffTheRequestThreadAreCostedByModelOnlyAndTokenlessOutcomesAreIgnored() throws Exception {
        MonitoringRuntime runtime = new MonitoringRuntime(AnomalyAlertTest.testConfig().logAlerts(false).build(),
                new SimpleMeterRegistry(), LlmClient::disabled, DefaultRedactor.defaults(), false);
        try (runtime) {
            var listener = runtime.llmCallListener();
            // a LATE reply is told on a gateway worker thread: no request is bound there
            Thread worker = new Thread(() -> listener.onCall(new LlmCallEvent("intent", "openai", "gpt-4-turbo",
                    "main", 42, 7, 0.00063, LlmOutcome.LATE, Duration.ofSeconds(3))));
            worker.start();
            worker.join();
            // the TIMEOUT that preceded it, a failure and a cache hit spent no tokens: nothing to cost
            for (LlmOutcome o : List.of(LlmOutcome.TIMEOUT, LlmOutcome.FAILURE, LlmOutcome.CACHE_HIT)) {
                listener.onCall(new LlmCallEvent("intent", "openai", null, null, 0, 0, 0, o, Duration.ZERO));
            }
            CostMonitor cost = runtime.costMonitor();
            assertThat(cost.byModel()).containsOnlyKeys("gpt-4-turbo");
            assertThat(cost.byModel().get("gpt-4-turbo").calls()).isEqualTo(1);
            assertThat(cost.byEndpoint()).containsOnlyKeys(CostMonitor.UNKNOWN);
            assertThat(cost.byUser()).containsOnlyKeys(CostMonitor.UNKNOWN);
        }
    }
}
