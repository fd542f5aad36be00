package io.github.aifilters.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.monitoring.MonitoringConfig;
import io.github.aifilters.monitoring.anomaly.AnomalyDetector;
import io.github.aifilters.monitoring.anomaly.AnomalyScore;
import org.junit.jupiter.api.Test;

/** The episode logic of {@link SeriesMonitor}, over a scripted detector (the real one is tested on its own). */
class SeriesMonitorTest {

    /** Scores a value by itself: the value is the score, the deviation its sign times 4, the baseline 0. */
    static final class Scripted implements AnomalyDetector {
        private final int warmUp;
        private int seen;

        Scripted(int warmUp) {
            this.warmUp = warmUp;
        }

        @Override
        public AnomalyScore observe(long epochMillis, double value) {
            boolean warm = seen++ >= warmUp;
            return new AnomalyScore(warm ? Math.abs(value) : 0, Math.signum(value) * 4, 0, warm);
        }
    }

    @Test
    void oneAlertPerEpisode() {
        SeriesMonitor m = new SeriesMonitor("s", "latency.p95", "GET /x", new Scripted(3), SeriesMonitor.Direction.UP);
        assertThat(m.observe(0, 0.9, true, 0.5, 2)).isNull(); // cold: never alerts
        for (int i = 1; i < 5; i++) {
            assertThat(m.observe(i, 0.1, true, 0.5, 2)).isNull();
        }
        assertThat(m.observe(10, 0.9, true, 0.5, 2)).isNotNull(); // episode starts
        assertThat(m.observe(11, 0.9, true, 0.5, 2)).isNull(); // same episode
        assertThat(m.observe(12, 0.1, true, 0.5, 2)).isNull(); // calm 1
        assertThat(m.observe(13, 0.9, true, 0.5, 2)).isNull(); // still the same episode
        assertThat(m.observe(14, 0.1, true, 0.5, 2)).isNull();
        assertThat(m.observe(15, 0.1, true, 0.5, 2)).isNull(); // calm 2: episode over
        assertThat(m.observe(16, 0.5, true, 0.5, 2)).isNotNull(); // a new episode, at exactly the threshold
    }

    @Test
    void dropsOnAnUpSeriesAndUnalertableValuesNeverAlert() {
        SeriesMonitor up = new SeriesMonitor("u", "latency.p95", null, new Scripted(1), SeriesMonitor.Direction.UP);
        up.observe(0, 0.1, true, 0.5, 2);
        assertThat(up.observe(1, -0.9, true, 0.5, 2)).isNull(); // below the baseline
        assertThat(up.observe(2, 0.9, false, 0.5, 2)).isNull(); // not alertable (e.g. too little volume)
        assertThat(up.observe(3, 0.9, true, 0.5, 2, 5.0)).isNull(); // smaller than the minimum change
        assertThat(up.observe(4, 0.9, true, 0.5, 2)).isNotNull();
    }

    @Test
    void severityFromDeviation() {
        assertThat(Severity.of(3.5)).isEqualTo("critical");
        assertThat(Severity.of(-2.5)).isEqualTo("high");
        assertThat(Severity.of(1.7)).isEqualTo("medium");
        assertThat(Severity.of(1.5)).isEqualTo("low");
    }

    @Test
    void theFilterShipsTheNabMeasuredDetectorAndItsCalibratedThreshold() {
        MonitoringConfig shipped = MonitoringConfig.builder().build();
        assertThat(shipped.alertThreshold()).isEqualTo(0.5);
        assertThat(shipped.detectorFactory().create()).isInstanceOfSatisfying(
                io.github.aifilters.monitoring.anomaly.DefaultAnomalyDetector.class,
                d -> assertThat(d.config()).isEqualTo(
                        io.github.aifilters.monitoring.anomaly.DefaultAnomalyDetector.Config.defaults()));
        MonitoringConfig fromWebXml = MonitoringConfig.from(
                io.github.aifilters.core.config.InitParams.empty("monitoring"));
        assertThat(fromWebXml.alertThreshold()).isEqualTo(0.5);
        assertThat(fromWebXml.detectorFactory().create())
                .isInstanceOf(io.github.aifilters.monitoring.anomaly.DefaultAnomalyDetector.class);
    }
}
