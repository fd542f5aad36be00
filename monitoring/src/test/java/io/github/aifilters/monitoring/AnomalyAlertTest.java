package io.github.aifilters.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.testing.TestServer;
import io.github.aifilters.monitoring.alert.DefaultAlert;
import io.github.aifilters.monitoring.anomaly.DefaultAnomalyDetector;
import io.github.aifilters.monitoring.internal.MonitoringRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AnomalyAlertTest {

    /** Sleeps a settable number of milliseconds: the injected latency. */
    static final class Sleepy extends HttpServlet {
        final AtomicInteger delayMs = new AtomicInteger();

        Sleepy(int delay) {
            delayMs.set(delay);
        }

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            try {
                Thread.sleep(delayMs.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            res.getWriter().write("ok");
        }
    }

    /** Answers 500 for every second request to /flaky. */
    static final class Flaky extends HttpServlet {
        final AtomicInteger n = new AtomicInteger();

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            res.setStatus(n.incrementAndGet() % 2 == 0 ? 500 : 200);
            res.getWriter().write("x");
        }
    }

    static final DefaultAnomalyDetector.Config TEST_DETECTOR = DefaultAnomalyDetector.Config.builder().warmup(5)
            .probation(5).build();

    static MonitoringConfig.Builder testConfig() {
        // the shipped detector and threshold, with a test-only warm-up and probation of 5 intervals, so that these
        // few-interval scenarios exercise the mature detector's episode damping (the filter ships
        // DefaultAnomalyDetector.Config.defaults(); EarlyAlertTest drives those)
        return MonitoringConfig.builder()
                .detectorFactory(DefaultAnomalyDetector.factory(TEST_DETECTOR))
                .interval(Duration.ofHours(1)) // the test ticks by hand
                .healthEnabled(false)
                .alertCooldown(Duration.ofMinutes(15));
    }

    @Test
    void latencyStepOnOneRouteRaisesExactlyOneAlertDeliveredToTheWebhook() throws Exception {
        // the shipped detector damps after an onset (refractory period, episode peak, hour-of-day record): the second
        // step is no new surprise, so it is not even offered to the cooldown
        latencyStepRaisesExactlyOneAlert(DefaultAnomalyDetector.factory(TEST_DETECTOR), 0);
    }

    @Test
    void cooldownHoldsWhenTheDetectorFlagsASecondEpisode() throws Exception {
        // without the detector's own damping, the second step is a second episode: the filter's cooldown suppresses it
        DefaultAnomalyDetector.Config undamped = TEST_DETECTOR.toBuilder().refractory(0).episodeDecay(10)
                .hourPeakDecay(0).build();
        latencyStepRaisesExactlyOneAlert(DefaultAnomalyDetector.factory(undamped), 1);
    }

    private void latencyStepRaisesExactlyOneAlert(io.github.aifilters.monitoring.anomaly.DetectorFactory detector,
                                                  long expectedSuppressed) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Sleepy steady = new Sleepy(20);
        Sleepy step = new Sleepy(20);
        try (Fixtures.Webhook hook = new Fixtures.Webhook(false)) {
            Map<String, Double> minChanges = new java.util.HashMap<>(MonitoringConfig.defaultMinChanges());
            // a busy build machine can stretch a 20 ms request to 100+ ms now and then: only a change of 200 ms
            // or more counts, which the 400 ms step is and scheduling noise is not
            minChanges.put("latency.p95", 200.0);
            MonitoringFilter filter = new MonitoringFilter(testConfig().detectorFactory(detector)
                    .webhookUrl(hook.uri()).minChanges(minChanges)
                    .webhookAuthorization("Bearer hook-secret").build());
            try (TestServer server = Fixtures.start(filter, registry,
                    Map.of("/steady", steady, "/step", step))) {
                MonitoringRuntime runtime = filter.runtime();
                long sent = 0;
                int[] stepPlan = {20, 20, 20, 20, 20, 20, 20, 400, 400, 400, 20, 20, 20, 20, 400, 400};
                for (int delay : stepPlan) {
                    step.delayMs.set(delay);
                    for (int i = 0; i < 6; i++) {
                        assertThat(server.get("/steady").statusCode()).isEqualTo(200);
                        assertThat(server.get("/step").statusCode()).isEqualTo(200);
                        sent += 2;
                    }
                    Fixtures.awaitTimerCount(registry, sent);
                    runtime.tick();
                }
                Fixtures.await(() -> hook.bodies.size() >= 1, "webhook delivery");
                Thread.sleep(300); // a second (wrong) delivery would arrive by now
                assertThat(hook.bodies).hasSize(1);
                JsonNode alert = new ObjectMapper().readTree(hook.bodies.get(0));
                assertThat(alert.get("series").asText()).isEqualTo("latency.p95 GET /step");
                assertThat(alert.get("metric").asText()).isEqualTo("latency.p95");
                assertThat(alert.get("route").asText()).isEqualTo("GET /step");
                assertThat(alert.get("value").asDouble()).isGreaterThanOrEqualTo(400);
                assertThat(alert.get("severity").asText()).isEqualTo("critical");
                assertThat(alert.get("score").asDouble()).isBetween(MonitoringConfig.DEFAULT_ALERT_THRESHOLD, 1.0);
                assertThat(alert.get("message").asText()).contains("latency.p95").contains("GET /step");
                assertThat(alert.get("messageSource").asText()).isEqualTo("EMBEDDED");
                assertThat(hook.authorizations).containsExactly("Bearer hook-secret");
                // the second step came within the cooldown: never re-sent
                List<DefaultAlert> recent = runtime.alerts().recent();
                assertThat(recent).hasSize(1);
                assertThat(runtime.alerts().suppressed()).isEqualTo(expectedSuppressed);
            }
        }
    }

    @Test
    void lowTrafficRouteRaisesNoErrorRatioAlert() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MonitoringFilter filter = new MonitoringFilter(testConfig().logAlerts(false).build());
        try (TestServer server = Fixtures.start(filter, registry, Map.of("/flaky", new Flaky()))) {
            MonitoringRuntime runtime = filter.runtime();
            long sent = 0;
            // 8 quiet intervals with one success, then intervals with 1 error in 2 requests (below the volume floor)
            for (int t = 0; t < 8; t++) {
                server.get("/flaky"); // n odd: 200
                server.get("/flaky"); // n even: 500 — 50% errors but only 2 requests
                sent += 2;
                Fixtures.awaitTimerCount(registry, sent);
                runtime.tick();
            }
            assertThat(runtime.alerts().raised()).isZero();
            assertThat(runtime.snapshot().get("series").toString()).contains("error.ratio GET /flaky");
        }
    }

    @Test
    void errorRatioJumpWithEnoughVolumeAlerts() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger failEvery = new AtomicInteger(0);
        HttpServlet servlet = new HttpServlet() {
            final AtomicInteger n = new AtomicInteger();

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                int every = failEvery.get();
                res.setStatus(every > 0 && n.incrementAndGet() % every == 0 ? 503 : 200);
            }
        };
        MonitoringFilter filter = new MonitoringFilter(testConfig().logAlerts(false).minRequestsForErrorRatio(20)
                .build());
        try (TestServer server = Fixtures.start(filter, registry, Map.of("/api", servlet))) {
            MonitoringRuntime runtime = filter.runtime();
            long sent = 0;
            for (int t = 0; t < 9; t++) {
                failEvery.set(t < 7 ? 20 : 2); // 5% errors, then 50%
                for (int i = 0; i < 20; i++) {
                    server.get("/api");
                    sent++;
                }
                Fixtures.awaitTimerCount(registry, sent);
                runtime.tick();
            }
            assertThat(runtime.alerts().recent()).extracting(DefaultAlert::series)
                    .containsExactly("error.ratio GET /api");
        }
    }
}
