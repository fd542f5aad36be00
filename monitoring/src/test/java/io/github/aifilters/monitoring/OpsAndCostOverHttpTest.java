package io.github.aifilters.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.attr.AiAttributes;
import io.github.aifilters.core.testing.TestServer;
import io.github.aifilters.monitoring.internal.MonitoringRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpsAndCostOverHttpTest {

    /** A chat endpoint making one LLM call per request, as an LLM call listener would report it. */
    static final class Chat extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            if (req.getParameter("as") != null) {
                AiAttributes.USER_KEY.set(req, req.getParameter("as")); // set after the monitoring filter ran
            }
            MonitoringRuntime runtime = (MonitoringRuntime) req.getServletContext()
                    .getAttribute(MonitoringRuntime.CONTEXT_ATTRIBUTE);
            runtime.recordLlmUsage("gpt-4-turbo", 1000, 1000); // $0.04
            res.getWriter().write("answer");
        }
    }

    @Test
    void costIsAttributedToEndpointAndHashedUserAndBudgetAlertsShowOnTheOpsEndpoint() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MutableClock clock = new MutableClock(Instant.parse("2026-05-10T12:00:00Z"));
        MonitoringFilter filter = new MonitoringFilter(AnomalyAlertTest.testConfig().logAlerts(false)
                .clock(clock).monthlyBudget(0.10).userKeyHeader("X-User").build());
        try (TestServer server = Fixtures.start(filter, registry, Map.of("/", new Chat(),
                "/_ai/monitoring", new MonitoringOpsServlet("ops-token")))) {
            assertThat(server.send(server.request("/chat/123").header("X-User", "alice@example.com").GET().build())
                    .statusCode()).isEqualTo(200);
            assertThat(server.send(server.request("/chat/456").header("X-User", "alice@example.com").GET().build())
                    .statusCode()).isEqualTo(200); // $0.08: 80%
            assertThat(server.get("/chat/789?as=bob-api-key-1").statusCode()).isEqualTo(200); // $0.12: 120%
            MonitoringRuntime runtime = filter.runtime();
            Fixtures.await(() -> runtime.alerts().recent().size() == 2, "budget alerts on the scheduler");
            Fixtures.awaitTimerCount(registry, 3);
            runtime.tick();

            HttpResponse<String> denied = server.get("/_ai/monitoring");
            assertThat(denied.statusCode()).isEqualTo(401);
            assertThat(denied.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(denied.body()).doesNotContain("alerts");
            assertThat(server.send(server.request("/_ai/monitoring").header("Authorization", "Bearer wrong").GET()
                    .build()).statusCode()).isEqualTo(401);

            HttpResponse<String> ok = server.send(server.request("/_ai/monitoring")
                    .header("Authorization", "Bearer ops-token").GET().build());
            assertThat(ok.statusCode()).isEqualTo(200);
            JsonNode json = new ObjectMapper().readTree(ok.body());
            List<String> alertSeries = new ArrayList<>();
            json.get("alerts").forEach(a -> alertSeries.add(a.get("series").asText()));
            assertThat(alertSeries).containsExactlyInAnyOrder("cost.budget.90 2026-05", "cost.budget.100 2026-05");
            JsonNode cost = json.get("cost");
            assertThat(cost.get("monthSpendUsd").asDouble()).isBetween(0.1199, 0.1201);
            assertThat(cost.get("byEndpoint").has("/chat/{id}")).isTrue();
            assertThat(cost.get("byEndpoint").get("/chat/{id}").get("calls").asLong()).isEqualTo(3);
            JsonNode users = cost.get("byUser");
            assertThat(users.size()).isEqualTo(2);
            users.fieldNames().forEachRemaining(k -> assertThat(k).matches("u_[0-9a-f]{16}"));
            assertThat(ok.body()).doesNotContain("alice").doesNotContain("bob-api-key");
            List<String> series = new ArrayList<>();
            json.get("series").forEach(s -> series.add(s.get("series").asText()));
            assertThat(series).contains("latency.p95 GET /chat/{id}", "error.ratio GET /chat/{id}",
                    "throughput GET /chat/{id}");
            assertThat(json.get("counters").get("routes").asInt()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void opsEndpointWithoutFilterAnswers503Problem() {
        try (TestServer server = TestServer.start(ctx -> ctx.addServlet(
                new org.eclipse.jetty.ee10.servlet.ServletHolder(new MonitoringOpsServlet(null, true)), "/_ai/monitoring"))) {
            HttpResponse<String> r = server.get("/_ai/monitoring");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("not running");
        }
    }
}
