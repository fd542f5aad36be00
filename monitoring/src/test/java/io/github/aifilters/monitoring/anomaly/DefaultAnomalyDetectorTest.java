package io.github.aifilters.monitoring.anomaly;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultAnomalyDetectorTest {

    /** The alert level the NAB-optimal threshold lands on with the shipped defaults (see docs). */
    private static final double ALERT = 0.5;
    private static final long T0 = 1_700_000_000_000L; // a Tuesday, 22:13 UTC
    private static final long STEP = 300_000L; // 5 minutes, NAB's usual interval

    private static List<AnomalyScore> run(AnomalyDetector d, double[] values) {
        List<AnomalyScore> out = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            out.add(d.observe(T0 + i * STEP, values[i]));
        }
        return out;
    }

    private static double[] noise(int n, double mean, double sd, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean + sd * r.nextGaussian();
        }
        return v;
    }

    private static List<Integer> alerts(List<AnomalyScore> scores, int from, int to) {
        List<Integer> idx = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (scores.get(i).score() >= ALERT) {
                idx.add(i);
            }
        }
        return idx;
    }

    @Test
    void coldStartNeverAlertsAndReportsNotWarm() {
        DefaultAnomalyDetector d = new DefaultAnomalyDetector();
        int warmup = d.config().warmup();
        // Wild values during warm-up: every one would be an outlier for a warm detector.
        Random r = new Random(1);
        for (int i = 0; i < warmup; i++) {
            AnomalyScore s = d.observe(T0 + i * STEP, r.nextBoolean() ? 1e9 * r.nextDouble() : -5);
            assertThat(s.warm()).as("observation %d", i).isFalse();
            assertThat(s.score()).as("observation %d", i).isZero();
        }
        assertThat(d.observe(T0 + warmup * STEP, 1.0).warm()).isTrue();
    }

    @Test
    void spikeScoresHighWithCriticalDeviation() {
        double[] v = noise(2000, 100, 2, 2);
        v[1500] = 100 + 2 * 15; // +15 σ
        List<AnomalyScore> s = run(new DefaultAnomalyDetector(), v);
        assertThat(s.get(1500).score()).isGreaterThanOrEqualTo(0.8);
        assertThat(s.get(1500).deviation()).isGreaterThan(3.0); // "critical" for the filter
        assertThat(s.get(1500).baseline()).isBetween(98.0, 102.0);
        assertThat(alerts(s, 0, 1500)).as("no alert on plain noise").isEmpty();
    }

    @Test
    void levelShiftAlertsOnceAtOnsetThenAdapts() {
        double[] v = noise(6000, 100, 2, 3);
        for (int i = 2000; i < v.length; i++) {
            v[i] += 30; // +15 σ, lasting
        }
        List<AnomalyScore> s = run(new DefaultAnomalyDetector(), v);
        assertThat(alerts(s, 0, 2000)).isEmpty();
        List<Integer> episode = alerts(s, 2000, v.length);
        assertThat(episode).as("one alert per episode").hasSize(1);
        assertThat(episode.get(0)).as("at the onset").isBetween(2000, 2005);
        // Adapted: the new level is the baseline and nothing looks unusual any more.
        for (int i = v.length - 500; i < v.length; i++) {
            assertThat(s.get(i).baseline()).isBetween(125.0, 135.0);
            assertThat(Math.abs(s.get(i).deviation())).isLessThan(4.0);
        }
    }

    @Test
    void secondShiftAfterAdaptingAlertsAgain() {
        double[] v = noise(9000, 100, 2, 4);
        for (int i = 2000; i < v.length; i++) {
            v[i] += 30;
        }
        for (int i = 7000; i < v.length; i++) {
            v[i] -= 60;
        }
        List<AnomalyScore> s = run(new DefaultAnomalyDetector(), v);
        assertThat(alerts(s, 2000, 7000)).hasSize(1);
        assertThat(alerts(s, 7000, 9000)).hasSize(1).first().asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.INTEGER).isBetween(7000, 7005);
    }

    @Test
    void dailySeasonalPatternDoesNotAlert() {
        int perDay = 288;
        int n = perDay * 21;
        double[] v = noise(n, 0, 1, 5);
        for (int i = 0; i < n; i++) {
            // Quiet nights, busy days: a swing of ±25 σ that a flat baseline would flag every morning.
            v[i] += 100 + 50 * Math.sin(2 * Math.PI * i / perDay);
        }
        List<AnomalyScore> s = run(new DefaultAnomalyDetector(), v);
        assertThat(alerts(s, 2 * perDay, n)).isEmpty();

        // The same series with one hour 20 σ off its usual level does alert, within that hour.
        double[] w = v.clone();
        int start = 15 * perDay + 100;
        for (int i = start; i < start + 12; i++) {
            w[i] += 20;
        }
        List<AnomalyScore> t = run(new DefaultAnomalyDetector(), w);
        assertThat(alerts(t, start, start + 12)).isNotEmpty();
    }

    @Test
    void dailyRecurringSpikeIsDeEmphasisedThenBecomesRoutine() {
        int perDay = 288;
        int n = perDay * 31;
        double[] v = noise(n, 10, 1, 10);
        long firstMidnight = Math.floorDiv(T0, 86_400_000L) * 86_400_000L + 86_400_000L;
        int offset = (int) ((firstMidnight - T0) / STEP);
        for (int day = 1; day < 30; day++) {
            int at = offset + day * perDay + 36; // 03:00 every night, a 15-minute batch job, +40 σ
            for (int i = at; i < at + 3; i++) {
                v[i] += 40;
            }
        }
        List<AnomalyScore> s = run(new DefaultAnomalyDetector(), v);
        double first = s.get(offset + perDay + 36).score();
        assertThat(first).as("first night: news").isGreaterThanOrEqualTo(0.9);
        // The hour-of-day record caps the following nights well below a novel spike...
        for (int day = 2; day < 18; day++) {
            int at = offset + day * perDay + 36;
            assertThat(s.get(at).score()).as("night %d", day).isLessThan(0.8);
        }
        // ...and once the surprise quantile has caught up (about 2.5 weeks at 5-minute samples) it is routine.
        assertThat(alerts(s, offset + 19 * perDay, n)).isEmpty();
        // Plain noise in between never alerts.
        assertThat(alerts(s, offset + perDay + 40, offset + 2 * perDay + 30)).isEmpty();
    }

    @Test
    void optionalTimeOfDayProfileLearnsADailyPatternWithinDays() {
        DefaultAnomalyDetector.Config withDaily = DefaultAnomalyDetector.Config.builder().dailyBuckets(24).build();
        int perDay = 288;
        int n = perDay * 6;
        double[] v = noise(n, 0, 1, 11);
        for (int i = 0; i < n; i++) {
            v[i] += 100 + (((i % perDay) / 12) % 24 < 12 ? 0 : 30); // a square wave: 12 quiet hours, 12 busy
        }
        List<AnomalyScore> s = run(new DefaultAnomalyDetector(withDaily), v);
        assertThat(alerts(s, 2 * perDay, n)).isEmpty();
        // On day 4 the first sample of every hour (whose hour-of-week bucket is still empty) already expects the
        // time-of-day level: ~100 in the quiet half, ~130 in the busy one. The default (weekly-only) detector falls
        // back to the flat level there (~112).
        for (int hour = 1; hour < 24; hour++) {
            if (hour == 12) {
                continue; // the transition hour
            }
            AnomalyScore first = s.get(3 * perDay + hour * 12);
            assertThat(first.baseline()).as("hour %d", hour).isBetween(hour < 12 ? 95.0 : 125.0,
                    hour < 12 ? 105.0 : 135.0);
        }
        List<AnomalyScore> plain = run(new DefaultAnomalyDetector(), v);
        assertThat(plain.get(3 * perDay + 15 * 12).baseline()).isBetween(105.0, 120.0);
    }

    @Test
    void flatSeriesThatMovesAlertsAndScoresStayInRange() {
        double[] v = new double[3000];
        java.util.Arrays.fill(v, 42.0);
        // Spreads are floored at 2% of the magnitude, so a flat series' 20% jump is a strong deviation, not an
        // infinite one: 8 / (0.02 * 42 * 1.2533) = 7.6 σ.
        v[2500] = 50.0;
        List<AnomalyScore> s = run(new DefaultAnomalyDetector(), v);
        assertThat(alerts(s, 0, 2500)).isEmpty();
        assertThat(s.get(2500).score()).isGreaterThanOrEqualTo(ALERT).isLessThan(1.0);
        assertThat(s.get(2500).deviation()).isBetween(7.0, 8.0);
    }

    @Test
    void seriesAtZeroThatMovesHasAFiniteBoundedDeviation() {
        // A cold series whose baseline is exactly 0 has no spread and no magnitude: without a clamp, 50 / 1e-12
        // would be reported as a deviation of ~4e13.
        double max = DefaultAnomalyDetector.Config.defaults().maxDeviation();
        for (int zeros : new int[] {1, 3, 10, 200}) {
            DefaultAnomalyDetector d = new DefaultAnomalyDetector();
            for (int i = 0; i < zeros; i++) {
                assertThat(d.observe(T0 + i * STEP, 0.0).deviation()).isZero();
            }
            AnomalyScore up = d.observe(T0 + zeros * STEP, 50.0);
            assertThat(up.deviation()).as("after %d zeros", zeros).isFinite().isPositive().isLessThanOrEqualTo(max);
            assertThat(up.score()).isBetween(0.0, 1.0);
            AnomalyScore down = d.observe(T0 + (zeros + 1) * STEP, -1e12);
            assertThat(down.deviation()).isFinite().isGreaterThanOrEqualTo(-max).isNegative();
        }
        assertThat(max).isLessThanOrEqualTo(1e4);
    }

    @Test
    void youngBaselineSpreadIsFlooredByTheExpectedValue() {
        // Six identical values: the spread is 0, yet a 1 % move of a value of 1000 is no anomaly.
        DefaultAnomalyDetector d = new DefaultAnomalyDetector();
        for (int i = 0; i < 6; i++) {
            d.observe(T0 + i * 60_000L, 1000.0);
        }
        AnomalyScore s = d.observe(T0 + 6 * 60_000L, 1010.0);
        assertThat(s.warm()).isTrue();
        assertThat(s.deviation()).isBetween(0.0, 1.0);
        assertThat(s.score()).isZero();
    }

    @Test
    void youngDetectorAlertsOnAClearAnomalyWithinTenObservations() {
        // 1-minute samples, as the filter's default interval: a +50 σ spike at the 8th value (minute 8) alerts
        double[] v = noise(12, 100, 2, 21);
        v[7] = 200;
        List<AnomalyScore> s = run(new DefaultAnomalyDetector(), v);
        assertThat(s.get(7).warm()).isTrue();
        assertThat(alerts(s, 0, 12)).containsExactly(7);
        assertThat(s.get(7).deviation()).isGreaterThan(3.0);
    }

    @Test
    void aLongerWarmupThanTheProbationIsStillAValidConfig() {
        // configs written against the old 100-observation warm-up keep working: the probation then has no effect
        DefaultAnomalyDetector d = new DefaultAnomalyDetector(DefaultAnomalyDetector.Config.builder().warmup(150).build());
        List<AnomalyScore> s = run(d, noise(151, 10, 1, 5));
        assertThat(s.get(149).warm()).isFalse();
        assertThat(s.get(150).warm()).isTrue();
    }

    @Test
    void probationKeepsYoungQuietSeriesAboutAsQuietAsMatureOnes() {
        // Zero-mean unit noise is the hardest case for a young baseline (no magnitude floor helps): its spread comes
        // from a handful of values. Over the first 100 values of 1000 independent series, at most 1 % may alert
        // (measured: 2 of 1000); with the bar at minDeviation from the start, 55 of 1000.
        DefaultAnomalyDetector.Config shipped = DefaultAnomalyDetector.Config.defaults();
        DefaultAnomalyDetector.Config noProbation = shipped.toBuilder()
                .probationDeviation(shipped.minDeviation()).build();
        assertThat(youngSeriesAlerting(shipped)).isLessThanOrEqualTo(10);
        assertThat(youngSeriesAlerting(noProbation)).isGreaterThan(30);
    }

    private static int youngSeriesAlerting(DefaultAnomalyDetector.Config config) {
        int alerting = 0;
        for (int seed = 0; seed < 1000; seed++) {
            List<AnomalyScore> s = run(new DefaultAnomalyDetector(config), noise(100, 0, 1, 1000 + seed));
            if (!alerts(s, 0, 100).isEmpty()) {
                alerting++;
            }
        }
        return alerting;
    }

    @Test
    void scoresAlwaysWithinUnitIntervalOnHostileInput() {
        DefaultAnomalyDetector d = new DefaultAnomalyDetector();
        Random r = new Random(6);
        for (int i = 0; i < 50_000; i++) {
            double x = switch (i % 7) {
                case 0 -> 0.0;
                case 1 -> Double.MAX_VALUE / 4 * r.nextDouble();
                case 2 -> r.nextBoolean() ? -Double.MAX_VALUE : Double.MAX_VALUE;
                case 3 -> Double.NaN;
                case 4 -> Double.POSITIVE_INFINITY;
                default -> r.nextGaussian() * Math.exp(20 * r.nextDouble());
            };
            AnomalyScore s = d.observe(T0 + (long) i * 1000 * (r.nextInt(3) - 1), x); // clock jumps back too
            assertThat(s.score()).isBetween(0.0, 1.0);
            assertThat(s.deviation()).isNotNaN();
        }
        // And it still works afterwards: a calm stretch, then a spike.
        double[] calm = noise(3000, 50, 1, 13);
        calm[2900] = 80;
        List<AnomalyScore> after = new ArrayList<>();
        for (int i = 0; i < calm.length; i++) {
            after.add(d.observe(T0 + (60_000L + i) * STEP, calm[i]));
        }
        assertThat(after.get(2999).baseline()).isBetween(45.0, 55.0);
    }

    @Test
    void nonFiniteValuesAreIgnored() {
        DefaultAnomalyDetector d = new DefaultAnomalyDetector();
        run(d, noise(500, 10, 1, 7));
        long before = d.count();
        AnomalyScore s = d.observe(T0, Double.NaN);
        assertThat(s.score()).isZero();
        assertThat(d.count()).isEqualTo(before);
    }

    @Test
    void stateIsConstantAndSmall() throws Exception {
        DefaultAnomalyDetector d = new DefaultAnomalyDetector();
        run(d, noise(1000, 5, 1, 8));
        long small = stateBytes(d);
        run(d, noise(200_000, 5, 1, 9));
        assertThat(stateBytes(d)).isEqualTo(small);
        assertThat(small).as("a few KB per series").isLessThan(8 * 1024);
        // With the optional time-of-day profile too.
        DefaultAnomalyDetector both = new DefaultAnomalyDetector(
                DefaultAnomalyDetector.Config.builder().dailyBuckets(48).build());
        run(both, noise(10_000, 5, 1, 12));
        assertThat(stateBytes(both)).isLessThan(8 * 1024);
    }

    /** Bytes of primitive state reachable from the detector's own fields (arrays, nested estimators). */
    private static long stateBytes(Object o) throws IllegalAccessException {
        long bytes = 0;
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                Class<?> t = f.getType();
                Object v = f.get(o);
                if (t.isPrimitive()) {
                    bytes += 8;
                } else if (t.isArray() && v != null) {
                    bytes += 16 + (long) Array.getLength(v) * 8;
                } else if (v instanceof RobustEwma || v instanceof SeasonalProfile) {
                    bytes += 16 + stateBytes(v);
                } else {
                    bytes += 8; // a reference (config record is shared, not per-series state)
                }
            }
        }
        return bytes;
    }
}
