package io.github.aifilters.monitoring.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.llm.LlmPrompt;
import io.github.aifilters.core.llm.ReplyParsers;
import io.github.aifilters.core.testing.FakeOpenAiServer;
import io.github.aifilters.core.testing.TestServer;
import io.github.aifilters.monitoring.MonitoringConfig;
import io.github.aifilters.monitoring.MonitoringFilter;
import io.github.aifilters.monitoring.MonitoringOpsServlet;
import io.github.aifilters.openai.EndpointConfig;
import io.github.aifilters.openai.LlmClients;
import io.github.aifilters.openai.LlmEngine;
import io.github.aifilters.openai.LlmGatewayConfig;
import io.github.aifilters.openai.OpenAiEngineConfig;
import io.github.aifilters.openai.internal.OpenAiTestSupport;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 items 6 and 10 over real HTTP: the app calls a (fake) OpenAI endpoint through the gateway.
 * Item 6: replies naming random models must not mint meter ids (tags only from configured names and price prefixes).
 * Item 10: an outage shows in {@code /_ai/monitoring} (an {@code llm} section with breaker state, failures) and as an
 * alert through the app's alert publisher when the breaker opens.
 */
class LlmHealthOverHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The app: asks the shared LLM client, as a filter would. */
    static final class Ask extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            LlmClient llm = AiFilterContext.llm(req.getServletContext());
            LlmPrompt prompt = new LlmPrompt("intent", "Classify. Answer {\"intent\": …}.",
                    "Message:\n" + req.getParameter("q"), null, null, 60);
            res.getWriter().write(llm.call(prompt, r -> ReplyParsers.object(r).map(o -> o.path("intent").asText()))
                    .orElse("EMBEDDED"));
        }
    }

    /** A completion whose model name is new every time (a hostile or buggy endpoint). */
    private static FakeOpenAiServer.Behaviour randomModel(AtomicInteger n) {
        return (exchange, request) -> {
            ObjectNode root = JSON.createObjectNode();
            root.put("id", "chatcmpl-fake");
            root.put("object", "chat.completion");
            root.put("created", 1_700_000_000L);
            root.put("model", (n.get() % 2 == 0 ? "gpt-4-turbo-" : "random-") + n.incrementAndGet());
            ObjectNode choice = root.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", "{\"intent\":\"x\"}");
            choice.put("finish_reason", "stop");
            choice.putNull("logprobs");
            root.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 2).put("total_tokens", 12);
            byte[] body = JSON.writeValueAsBytes(root);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        };
    }

    private static LlmEngine engine(FakeOpenAiServer fake) {
        return OpenAiTestSupport.warmedEngine(OpenAiEngineConfig.of(
                EndpointConfig.of("main", fake.baseUrl(), "sk-test-key", "my-model")
                        .withMaxRetries(0).withTimeout(Duration.ofSeconds(30))), Duration.ofSeconds(30));
    }

    private static TestServer start(LlmClient gateway, MonitoringFilter monitoring) {
        return TestServer.start(ctx -> {
            ctx.setAttribute(AiFilterContext.METER_REGISTRY, new SimpleMeterRegistry());
            ctx.setAttribute(AiFilterContext.LLM, gateway);
            ctx.addFilter(new FilterHolder(monitoring), "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new Ask()), "/ask/*");
            ctx.addServlet(new ServletHolder(new MonitoringOpsServlet("ops-token")), "/_ai/monitoring");
        });
    }

    @Test
    void modelTagsComeOnlyFromConfiguredNamesAndPricePrefixes() throws Exception {
        try (FakeOpenAiServer fake = FakeOpenAiServer.start()) {
            AtomicInteger n = new AtomicInteger();
            fake.setDefault(randomModel(n));
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (LlmClient gateway = LlmClients.gateway(engine(fake), LlmGatewayConfig.builder().cacheEnabled(false)
                    .rateLimitPerSecond(0).deadline(Duration.ofSeconds(30)).build(), meters);
                 TestServer server = start(gateway, new MonitoringFilter(MonitoringConfig.builder()
                         .logAlerts(false).build()))) {
                for (int i = 0; i < 40; i++) {
                    assertThat(server.get("/ask/" + i + "?q=hello+" + i).body()).isEqualTo("x");
                }
                assertThat(n.get()).isEqualTo(40);
                Set<String> models = new TreeSet<>();
                for (Meter m : meters.getMeters()) {
                    if (m.getId().getName().startsWith("aifilters.llm.tokens")
                            || m.getId().getName().startsWith("aifilters.llm.cost")) {
                        models.add(m.getId().getTag("model"));
                    }
                }
                // 40 distinct reply names; the tags: the price-table prefix and "other"
                assertThat(models).containsExactlyInAnyOrder("gpt-4-turbo", "other");
            }
        }
    }

    @Test
    void anOutageShowsInTheOpsViewAndRaisesAnAlertWhenTheBreakerOpens() throws Exception {
        try (FakeOpenAiServer fake = FakeOpenAiServer.start()) {
            fake.setDefault(FakeOpenAiServer.status(500));
            MonitoringFilter monitoring = new MonitoringFilter(MonitoringConfig.builder().logAlerts(false).build());
            try (LlmClient gateway = LlmClients.gateway(engine(fake), LlmGatewayConfig.builder().cacheEnabled(false)
                    .deadline(Duration.ofSeconds(30)).breakerWindow(4).breakerMinCalls(4).breakerFailureRate(50)
                    .breakerOpenFor(Duration.ofMinutes(5)).build(), new SimpleMeterRegistry());
                 TestServer server = start(gateway, monitoring)) {
                for (int i = 0; i < 6; i++) {
                    assertThat(server.get("/ask/" + i + "?q=hello").body()).isEqualTo("EMBEDDED");
                }
                HttpResponse<String> ops = server.send(server.request("/_ai/monitoring")
                        .header("Authorization", "Bearer ops-token").GET().build());
                assertThat(ops.statusCode()).isEqualTo(200);
                JsonNode llm = JSON.readTree(ops.body().getBytes(StandardCharsets.UTF_8)).path("llm");
                assertThat(llm.path("enabled").asBoolean()).isTrue();
                assertThat(llm.path("breakerState").asText()).isEqualTo("OPEN");
                assertThat(llm.path("failures").asLong()).isGreaterThanOrEqualTo(4);
                assertThat(llm.path("rejected").asLong()).isGreaterThanOrEqualTo(1);
                assertThat(llm.path("breakerOpenings").asLong()).isEqualTo(1);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                JsonNode alerts = opsAlerts(server);
                while (!hasAlert(alerts, "llm_breaker_open") && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                    alerts = opsAlerts(server);
                }
                assertThat(alerts).anySatisfy(a -> {
                    assertThat(a.path("metric").asText()).isEqualTo("llm_breaker_open");
                    assertThat(a.path("severity").asText()).isEqualTo("high");
                });
            }
        }
    }

    /** The recent alerts as the ops view shows them. */
    private static JsonNode opsAlerts(TestServer server) throws Exception {
        HttpResponse<String> ops = server.send(server.request("/_ai/monitoring")
                .header("Authorization", "Bearer ops-token").GET().build());
        return JSON.readTree(ops.body().getBytes(StandardCharsets.UTF_8)).path("alerts");
    }

    private static boolean hasAlert(JsonNode alerts, String metric) {
        for (JsonNode a : alerts) {
            if (a.path("metric").asText().equals(metric)) {
                return true;
            }
        }
        return false;
    }
}
