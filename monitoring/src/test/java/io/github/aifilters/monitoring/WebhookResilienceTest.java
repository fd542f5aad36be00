package io.github.aifilters.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.filter.AlertQuery;
import io.github.aifilters.core.testing.TestServer;
import io.github.aifilters.monitoring.alert.CompositeAlertSink;
import io.github.aifilters.monitoring.alert.WebhookAlertSink;
import io.github.aifilters.monitoring.internal.MonitoringRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WebhookResilienceTest {

    /** An app endpoint whose every request costs an LLM call: budget alerts are raised from request threads. */
    static final class LlmApp extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            MonitoringRuntime runtime = (MonitoringRuntime) req.getServletContext()
                    .getAttribute(MonitoringRuntime.CONTEXT_ATTRIBUTE);
            runtime.recordLlmUsage("gpt-4-turbo", 1000, 1000);
            res.getWriter().write("ok");
        }
    }

    private static WebhookAlertSink webhookOf(MonitoringRuntime runtime) {
        return ((CompositeAlertSink) runtime.alerts().sink()).sinks().stream()
                .filter(WebhookAlertSink.class::isInstance).map(WebhookAlertSink.class::cast).findFirst().orElseThrow();
    }

    private static AlertQuery facts(int i) {
        return new AlertQuery("latency.p95 GET /r" + i, "latency.p95", "GET /r" + i, 900, 20, 12, "critical",
                Instant.now(), Map.of(), false);
    }

    @Test
    void hangingWebhookNeverHoldsRequestsAndDropsAreCounted() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Fixtures.Webhook hook = new Fixtures.Webhook(true)) {
            MonitoringFilter filter = new MonitoringFilter(AnomalyAlertTest.testConfig().logAlerts(false)
                    .webhookUrl(hook.uri()).webhookTimeout(Duration.ofSeconds(30)).webhookRetries(0)
                    .webhookQueueCapacity(2).monthlyBudget(0.05).build());
            try (TestServer server = Fixtures.start(filter, registry, Map.of("/llm", new LlmApp()))) {
                MonitoringRuntime runtime = filter.runtime();
                // an alert storm while the webhook hangs (its 30 s timeout is longer than this whole test)
                CompletableFuture<Void> storm = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 50; i++) {
                        runtime.alerts().raise(facts(i), 1.0);
                    }
                });
                for (int i = 0; i < 20; i++) {
                    HttpResponse<String> r = server.get("/llm");
                    assertThat(r.statusCode()).isEqualTo(200);
                }
                storm.get(10, TimeUnit.SECONDS); // raising never waits for the webhook either
                WebhookAlertSink webhook = webhookOf(runtime);
                // 50 storm alerts + 2 budget alerts; at most 1 in flight and 2 queued, the rest dropped and counted
                Fixtures.await(() -> webhook.dropped() >= 49, "drops counted");
                assertThat(webhook.delivered()).isZero();
                assertThat(registry.get("aifilters.monitoring.webhook.dropped").functionCounter().count())
                        .isGreaterThanOrEqualTo(49);
                assertThat(runtime.alerts().raised()).isEqualTo(52);
                assertThat(runtime.snapshot().get("counters").toString()).contains("webhookDropped=");
            }
        }
    }

    @Test
    void refusedWebhookIsRetriedThenCountedAsFailedWithoutTouchingRequests() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: connections are refused
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MonitoringFilter filter = new MonitoringFilter(AnomalyAlertTest.testConfig().logAlerts(false)
                .webhookUrl(URI.create("http://127.0.0.1:" + port + "/hook")).webhookTimeout(Duration.ofSeconds(2))
                .webhookRetries(2).webhookBackoff(Duration.ofMillis(10)).build());
        try (TestServer server = Fixtures.start(filter, registry, Map.of("/llm", new LlmApp()))) {
            MonitoringRuntime runtime = filter.runtime();
            for (int i = 0; i < 3; i++) {
                runtime.alerts().raise(facts(i), 1.0);
            }
            for (int i = 0; i < 10; i++) {
                assertThat(server.get("/llm").statusCode()).isEqualTo(200);
            }
            WebhookAlertSink webhook = webhookOf(runtime);
            Fixtures.await(() -> webhook.failed() == 3, "three failed deliveries");
            assertThat(webhook.attempts()).isEqualTo(9); // 1 + 2 retries each
            assertThat(webhook.dropped()).isZero();
            assertThat(registry.get("aifilters.monitoring.webhook.failed").functionCounter().count()).isEqualTo(3);
        }
    }
}
