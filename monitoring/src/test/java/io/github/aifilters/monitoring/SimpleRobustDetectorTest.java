package io.github.aifilters.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.monitoring.alert.Severity;
import io.github.aifilters.monitoring.anomaly.AnomalyScore;
import io.github.aifilters.monitoring.series.SeriesMonitor;
import io.github.aifilters.monitoring.series.SimpleRobustDetector;
import org.junit.jupiter.api.Test;

class SimpleRobustDetectorTest {

    @Test
    void coldUntilWarmThenScoresBeforeLearning() {
        SimpleRobustDetector d = new SimpleRobustDetector(5, 0.05, 0.1, 1e-9);
        double[] base = {10, 11, 9, 10, 10};
        for (double v : base) {
            AnomalyScore s = d.observe(0, v);
            assertThat(s.warm()).isFalse();
            assertThat(s.score()).isZero();
        }
        AnomalyScore normal = d.observe(0, 10.5);
        assertThat(normal.warm()).isTrue();
        assertThat(normal.score()).isLessThan(0.2);
        AnomalyScore spike = d.observe(0, 40);
        assertThat(spike.score()).isGreaterThan(0.99);
        assertThat(spike.deviation()).isGreaterThan(3);
        assertThat(spike.baseline()).isBetween(9.9, 10.6); // scored against the baseline before learning the spike
        // one outlier barely moves the baseline
        assertThat(d.observe(0, 10).baseline()).isLessThan(11);
    }

    @Test
    void absorbsALevelShift() {
        SimpleRobustDetector d = new SimpleRobustDetector(5, 0.1, 0.1, 1e-9);
        for (int i = 0; i < 20; i++) {
            d.observe(i, 100 + (i % 3));
        }
        AnomalyScore first = d.observe(20, 200);
        assertThat(first.score()).isGreaterThan(0.8);
        AnomalyScore last = null;
        for (int i = 0; i < 200; i++) {
            last = d.observe(21 + i, 200 + (i % 3));
        }
        assertThat(last.score()).isLessThan(0.3);
    }

    @Test
    void seriesMonitorReportsOneAlertPerEpisode() {
        SeriesMonitor m = new SeriesMonitor("s", "latency.p95", "GET /x", new SimpleRobustDetector(5, 0.05, 0.1, 1e-9),
                SeriesMonitor.Direction.UP);
        for (int i = 0; i < 10; i++) {
            assertThat(m.observe(i, 10, true, 0.8, 2)).isNull();
        }
        assertThat(m.observe(10, 50, true, 0.8, 2)).isNotNull(); // episode starts
        assertThat(m.observe(11, 50, true, 0.8, 2)).isNull(); // same episode
        assertThat(m.observe(12, 10, true, 0.8, 2)).isNull(); // calm 1
        assertThat(m.observe(13, 50, true, 0.8, 2)).isNull(); // still the same episode
        assertThat(m.observe(14, 10, true, 0.8, 2)).isNull();
        assertThat(m.observe(15, 10, true, 0.8, 2)).isNull(); // calm 2: episode over
        assertThat(m.observe(16, 60, true, 0.8, 2)).isNotNull(); // a new episode
        // a drop is not an alert for an UP series, nor is anything not alertable
        SeriesMonitor up = new SeriesMonitor("u", "latency.p95", null, new SimpleRobustDetector(3, 0.05, 0.1, 1e-9),
                SeriesMonitor.Direction.UP);
        for (int i = 0; i < 5; i++) {
            up.observe(i, 100, true, 0.8, 2);
        }
        assertThat(up.observe(6, 1, true, 0.8, 2)).isNull();
        assertThat(up.observe(7, 1000, false, 0.8, 2)).isNull();
    }

    @Test
    void severityFromDeviation() {
        assertThat(Severity.of(3.5)).isEqualTo("critical");
        assertThat(Severity.of(-2.5)).isEqualTo("high");
        assertThat(Severity.of(1.7)).isEqualTo("medium");
        assertThat(Severity.of(1.5)).isEqualTo("low");
    }
}
