package io.github.aifilters.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorRateMonitorTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void minutes(long m) {
            now = now.plus(Duration.ofMinutes(m));
        }
    }

    private final ManualClock clock = new ManualClock();
    private final List<ErrorRateWarning> warnings = new ArrayList<>();
    private final ErrorRateMonitor monitor = new ErrorRateMonitor(Duration.ofMinutes(5), 3.0, 0.05, 20, 100, clock,
            warnings::add);

    /** One minute of traffic: {@code requests} requests of which {@code errors} fail. */
    private void minute(String route, int requests, int errors) {
        for (int i = 0; i < requests; i++) {
            monitor.record(route, i < errors);
        }
        clock.minutes(1);
    }

    @Test
    void warnsWhenTheRecentRateRisesFarAboveTheBaseline() {
        for (int m = 0; m < 20; m++) {
            minute("/orders", 100, 1);
        }
        assertThat(warnings).isEmpty();
        minute("/orders", 100, 30);
        assertThat(warnings).hasSize(1);
        ErrorRateWarning w = warnings.get(0);
        assertThat(w.route()).isEqualTo("/orders");
        assertThat(w.baselineRate()).isBetween(0.005, 0.02);
        assertThat(w.recentRate()).isGreaterThan(0.05);
        // Once per window: the next bad minutes do not repeat the warning.
        minute("/orders", 100, 30);
        minute("/orders", 100, 30);
        assertThat(warnings).hasSize(1);
    }

    @Test
    void steadyErrorRatesAndLowVolumesDoNotWarn() {
        for (int m = 0; m < 30; m++) {
            minute("/flaky", 100, 10);
        }
        assertThat(warnings).isEmpty();
        for (int m = 0; m < 10; m++) {
            minute("/quiet", 2, 0);
        }
        minute("/quiet", 3, 3);
        assertThat(warnings).isEmpty();
    }

    @Test
    void newRoutesHaveNoBaselineYet() {
        minute("/new", 100, 90);
        assertThat(warnings).isEmpty();
    }
}
