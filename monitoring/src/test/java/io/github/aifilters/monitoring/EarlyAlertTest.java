package io.github.aifilters.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.redact.DefaultRedactor;
import io.github.aifilters.monitoring.alert.DefaultAlert;
import io.github.aifilters.monitoring.anomaly.DefaultAnomalyDetector;
import io.github.aifilters.monitoring.internal.MonitoringRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * Alerts soon after start, end to end through the runtime's alerting path (requests recorded into the route's
 * interval, {@code tick()} closing the interval, the series' detector, episode logic, minimum change and the alert
 * manager), with the shipped detector and defaults, a hand-moved clock and explicit latencies.
 */
class EarlyAlertTest {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final String ROUTE = "/api/orders";

    /**
     * Runs {@code minutes} one-minute intervals on one route from a fresh runtime with the shipped defaults;
     * {@code latencyMs} gives the latency of every request of minute m (1-based: minute 1 ends one interval after
     * start), {@code requests} how many requests minute m has.
     */
    private static List<DefaultAlert> run(int minutes, IntToLongFunction requests, LatencyPlan latencyMs) {
        MutableClock clock = new MutableClock(START);
        MonitoringConfig config = MonitoringConfig.builder()
                .clock(clock)
                .healthEnabled(false) // the process's own health would make the outcome depend on this JVM
                .logAlerts(false)
                .build();
        try (MonitoringRuntime runtime = new MonitoringRuntime(config, new SimpleMeterRegistry(), LlmClient::disabled, DefaultRedactor.defaults(),
                false)) {
            for (int m = 1; m <= minutes; m++) {
                long n = requests.applyAsLong(m);
                for (int i = 0; i < n; i++) {
                    runtime.recordRequest("GET", ROUTE, Math.round(latencyMs.at(m, i) * 1_000_000), false);
                }
                clock.advance(config.interval());
                runtime.tick();
            }
            return runtime.alerts().recent();
        }
    }

    @FunctionalInterface
    private interface LatencyPlan {
        double at(int minute, int request);
    }

    @Test
    void theShippedDefaultsCanAlertWithinTenIntervalsOfStart() {
        assertThat(MonitoringConfig.builder().build().interval()).isEqualTo(Duration.ofMinutes(1));
        DefaultAnomalyDetector.Config shipped = DefaultAnomalyDetector.Config.defaults();
        assertThat(shipped.warmup()).isLessThan(8);
    }

    @Test
    void clearLatencyAnomalyAtMinuteEightAlertsAtMinuteEight() {
        Random jitter = new Random(7);
        List<DefaultAlert> alerts = run(12, m -> 40 + m % 3,
                (m, i) -> m == 8 ? 400 + jitter.nextDouble() * 20 : 20 + jitter.nextDouble() * 4);

        assertThat(alerts).extracting(DefaultAlert::series).containsExactly("latency.p95 GET " + ROUTE);
        DefaultAlert alert = alerts.get(0);
        assertThat(alert.at()).isEqualTo(START.plus(Duration.ofMinutes(8)));
        assertThat(alert.value()).isGreaterThanOrEqualTo(400);
        assertThat(alert.baseline()).isBetween(20.0, 24.0);
        assertThat(alert.score()).isBetween(MonitoringConfig.DEFAULT_ALERT_THRESHOLD, 1.0);
        assertThat(alert.deviation()).isFinite().isBetween(3.0, DefaultAnomalyDetector.Config.defaults().maxDeviation());
    }

    @Test
    void trafficDropAtMinuteEightAlertsAtMinuteEight() {
        Random r = new Random(11);
        List<DefaultAlert> alerts = run(12, m -> m == 8 ? 0 : 50 + r.nextInt(11), (m, i) -> 20 + r.nextDouble() * 4);

        assertThat(alerts).extracting(DefaultAlert::series).containsExactly("throughput GET " + ROUTE);
        assertThat(alerts.get(0).at()).isEqualTo(START.plus(Duration.ofMinutes(8)));
    }

    @Test
    void theOpsViewOfAColdSeriesAtZeroThatMovesShowsASaneDeviation() {
        MutableClock clock = new MutableClock(START);
        MonitoringConfig config = MonitoringConfig.builder().clock(clock).healthEnabled(false).logAlerts(false).build();
        try (MonitoringRuntime runtime = new MonitoringRuntime(config, new SimpleMeterRegistry(), LlmClient::disabled, DefaultRedactor.defaults(),
                false)) {
            // error ratio exactly 0 for three minutes (a baseline of 0 with no spread), then 10 errors in 40
            for (int m = 1; m <= 4; m++) {
                for (int i = 0; i < 40; i++) {
                    runtime.recordRequest("GET", ROUTE, 20_000_000L, m == 4 && i % 4 == 0);
                }
                clock.advance(config.interval());
                runtime.tick();
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> series = (List<Map<String, Object>>) runtime.snapshot().get("series");
            Map<String, Object> errors = series.stream()
                    .filter(m -> m.get("series").equals("error.ratio GET " + ROUTE)).findFirst().orElseThrow();
            assertThat(errors.get("lastValue")).isEqualTo(0.25);
            assertThat(errors.get("baseline")).isEqualTo(0.0);
            assertThat((Double) errors.get("lastDeviation")).isPositive()
                    .isLessThanOrEqualTo(DefaultAnomalyDetector.Config.defaults().maxDeviation());
            assertThat((Double) errors.get("lastScore")).isBetween(0.0, 1.0);
        }
    }

    @Test
    void quietYoungSeriesRaiseNoAlert() {
        // several noisy but normal starts: traffic 30..70 requests a minute, latencies around 20 ms
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            List<DefaultAlert> alerts = run(120, m -> 30 + r.nextInt(41),
                    (m, i) -> Math.max(1, 20 + 3 * r.nextGaussian()));
            assertThat(alerts).as("seed %d", seed).isEmpty();
        }
    }
}
