package io.github.aifilters.monitoring;

import static io.github.aifilters.core.testing.ConfigAssertions.assertSameSettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.llm.PriceTable;
import io.github.aifilters.monitoring.anomaly.DetectorFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration pattern of {@link MonitoringConfig}. */
class MonitoringConfigPatternTest {

    private static final InitParams PARAMS = InitParams.of("m", Map.of(
            MonitoringConfig.INTERVAL, "10s",
            MonitoringConfig.MIN_CHANGES, "latency.p95=50",
            MonitoringConfig.COST_PRICES, "my-model=1/2",
            MonitoringConfig.WEBHOOK_URL, "http://hooks.example/alerts",
            CommonSettings.EXCLUDE_PATHS, "/internal/*"));

    @Test
    void fromEqualsApplyOverTheDefaultsAndToBuilderKeepsEverySetting() {
        // each builder makes its own default detector factory: the one setting compared by kind, not value
        assertSameSettings(MonitoringConfig.from(PARAMS), MonitoringConfig.builder().apply(PARAMS).build(),
                DetectorFactory.class);
        assertSameSettings(MonitoringConfig.from(PARAMS), MonitoringConfig.ofDefaults().toBuilder().apply(PARAMS)
                .build(), DetectorFactory.class);

        MonitoringConfig code = MonitoringConfig.builder().maxUriTags(10).interval(Duration.ofSeconds(30))
                .healthEnabled(false).healthInterval(Duration.ofSeconds(5)).alertThreshold(0.7).episodeEndIntervals(2)
                .alertCooldown(Duration.ofMinutes(1)).minRequestsForErrorRatio(3).minRequestsForLatency(2)
                .minRequestsForThroughput(1).latencyReservoirSize(64).maxRoutes(20).idleEvictIntervals(6)
                .recentAlerts(7).logAlerts(false).webhookUrl(URI.create("http://a.example/"))
                .webhookTimeout(Duration.ofSeconds(1)).webhookRetries(0).webhookBackoff(Duration.ZERO)
                .webhookQueueCapacity(5).webhookAuthorization("Bearer x").llmAlertMessages(true).monthlyBudget(5)
                .prices(PriceTable.defaults().with("mine", PriceTable.Price.parse("0.1/0.2"))).userKeyAttribute("u")
                .userKeyHeader("X-User").userKeySalt("salt").maxCostKeys(9).costSpikeFactor(3).costSpikeWeeks(2)
                .minChanges(Map.of("latency.p95", 1.0)).addSink(alert -> { })
                .clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).enabled(false).build();
        assertSameSettings(code.toBuilder().build(), code);
        assertSameSettings(code.toBuilder().apply(InitParams.empty("m")).build(), code);

        MonitoringConfig merged = code.toBuilder().apply(PARAMS).build();
        assertThat(merged.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(merged.minChanges()).containsExactly(Map.entry("latency.p95", 50.0));
        assertThat(merged.prices().prices()).containsKeys("mine", "my-model");
        assertThat(merged.webhookUrl()).isEqualTo(URI.create("http://hooks.example/alerts"));
        assertThat(merged.common().matcher().excludedPaths()).containsExactly("/internal/*");
        assertThat(merged.common().enabled()).isFalse();
        assertThat(merged.maxUriTags()).isEqualTo(10);
        assertThat(merged.userKeyHeader()).isEqualTo("X-User");
        assertThat(merged.extraSinks()).hasSize(1);
    }
}
