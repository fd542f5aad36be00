package io.github.aifilters.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.testing.TestServer;
import io.github.aifilters.monitoring.internal.HealthSampler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

class InitParamsAndHealthTest {

    static final class Ok extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            res.getWriter().write("ok");
        }
    }

    @Test
    void configuredByInitParamsLikeWebXml() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MonitoringFilter filter = new MonitoringFilter();
        try (TestServer server = TestServer.start(ctx -> {
            ctx.setAttribute(AiFilterContext.METER_REGISTRY, registry);
            FilterHolder holder = new FilterHolder(filter);
            holder.setInitParameter(MonitoringConfig.MAX_URI_TAGS, "2");
            holder.setInitParameter(MonitoringConfig.INTERVAL, "1h");
            holder.setInitParameter(MonitoringConfig.HEALTH_INTERVAL, "50ms");
            holder.setInitParameter(MonitoringConfig.COST_MONTHLY_BUDGET, "250");
            holder.setInitParameter(MonitoringConfig.COST_PRICES, "my-model=1/2");
            holder.setInitParameter(MonitoringConfig.DETECTOR_CLASS,
                    "io.github.aifilters.monitoring.anomaly.DefaultAnomalyDetector");
            ctx.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            ctx.addServlet(new ServletHolder(new Ok()), "/");
        })) {
            for (String p : new String[] {"/a", "/b", "/c", "/d"}) {
                assertThat(server.get(p).statusCode()).isEqualTo(200);
            }
            Fixtures.awaitTimerCount(registry, 4);
            Set<String> uris = registry.find(MonitoringFilter.METRIC).timers().stream()
                    .map(t -> t.getId().getTag("uri")).collect(Collectors.toSet());
            assertThat(uris).containsExactlyInAnyOrder("/a", "/b", "OTHER");
            MonitoringConfig config = filter.runtime().config();
            assertThat(config.monthlyBudget()).isEqualTo(250);
            assertThat(config.prices().prices()).containsKeys("my-model", "gpt-4-turbo");
            // process health is sampled on the schedule (50 ms here; 30 s by default)
            Fixtures.await(() -> ((Map<?, ?>) filter.runtime().snapshot().get("health"))
                    .containsKey(HealthSampler.THREADS), "a health sample");
            @SuppressWarnings("unchecked")
            Map<String, Object> health = (Map<String, Object>) filter.runtime().snapshot().get("health");
            assertThat(health).containsKeys(HealthSampler.THREADS, HealthSampler.HEAP_AFTER_GC);
            assertThat(((Number) health.get(HealthSampler.THREADS)).doubleValue()).isGreaterThan(1);
        }
        // destroy() stopped the scheduler thread
        Fixtures.await(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("ai-filters-monitoring") && t.isAlive()), "scheduler stopped");
    }

    @Test
    void badInitParamsFailFastWithTheKey() {
        assertThatThrownBy(() -> MonitoringConfig.from(InitParams.of("m",
                Map.of(MonitoringConfig.ALERT_THRESHOLD, "1.5"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(MonitoringConfig.ALERT_THRESHOLD);
        assertThatThrownBy(() -> MonitoringConfig.from(InitParams.of("m",
                Map.of(MonitoringConfig.INTERVAL, "soon"))))
                .hasMessageContaining(MonitoringConfig.INTERVAL);
        assertThatThrownBy(() -> MonitoringConfig.from(InitParams.of("m",
                Map.of(MonitoringConfig.DETECTOR_CLASS, "java.lang.String"))))
                .hasMessageContaining("AnomalyDetector");
        assertThatThrownBy(() -> MonitoringConfig.from(InitParams.of("m",
                Map.of(MonitoringConfig.COST_PRICES, "broken"))))
                .hasMessageContaining("model=input/output");
        assertThatThrownBy(() -> MonitoringConfig.from(InitParams.of("m",
                Map.of(MonitoringConfig.MIN_CHANGES, "latency.p95=fast"))))
                .hasMessageContaining(MonitoringConfig.MIN_CHANGES);
        assertThat(MonitoringConfig.from(InitParams.of("m", Map.of(MonitoringConfig.MIN_CHANGES,
                "latency.p95=50; gc.pause=0"))).minChanges())
                .containsEntry("latency.p95", 50.0).containsEntry("gc.pause", 0.0).containsEntry("error.ratio", 0.05);
        MonitoringConfig defaults = MonitoringConfig.from(InitParams.empty("m"));
        assertThat(defaults.interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.healthInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.monthlyBudget()).isEqualTo(100);
        assertThat(defaults.maxUriTags()).isEqualTo(100);
    }
}
