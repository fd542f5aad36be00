package io.github.aifilters.monitoring.anomaly;

import java.util.Objects;

/**
 * The shipped online detector (see docs/anomaly-detection.md). Scores each value before learning from it, in O(1)
 * time and a fixed few KB of state per series.
 */
public final class DefaultAnomalyDetector implements AnomalyDetector {

    /**
     * Tuning knobs; {@link #defaults()} is what the filter ships and what the NAB benchmark measures.
     *
     * @param warmup           observations before the detector is warm (scores are 0 until then)
     * @param slowAlpha        EW weight of the slow level baseline
     * @param fastAlpha        EW weight of the fast level baseline
     * @param diffAlpha        EW weight of the first-difference baseline
     * @param clip             winsorising limit of every baseline, in spreads
     * @param relativeFloor    smallest spread, as a fraction of the series' typical magnitude (flat series)
     * @param seasonAlpha      EW weight of one hour-of-day bucket per visit
     * @param seasonMinMillis  span of data before the seasonal model may be used
     * @param seasonRatio      the seasonal model is used when its residuals are below this fraction of the plain one's
     * @param peakDecay        per-observation decay of the episode peak (alert suppression)
     * @param suppress         factor applied to a deviation that does not beat the decayed episode peak
     * @param halfScoreZ       deviation (robust σ) at which the score is 0.5
     */
    public record Config(int warmup, double slowAlpha, double fastAlpha, double diffAlpha, double clip,
                         double relativeFloor, double seasonAlpha, long seasonMinMillis, double seasonRatio,
                         double peakDecay, double suppress, double halfScoreZ, double surpriseAlpha, double rawFraction, double surpriseFloor,
                         int refractory, double holdScore,
                         double wSlow, double wFast, double wDiff, double wSeason, double wChart, double chartLambda,
                         double quantileP, double quantileStep) {

        public static Config defaults() {
            return new Config(100, 0.0015, 0.05, 0.02, 4.0, 0.01, 0.02, 2L * 86_400_000L, 0.7, 0.01, 0.5, 1.0, 0, 0.5, 0.2, 400, 0.1, 1, 0, 0, 1, 0, 0.2, 0.999, 0.05);
        }
    }

    private static final int BUCKETS = 24;
    private static final long HOUR = 3_600_000L;

    private final Config config;
    private final RobustEwma slow;
    private final RobustEwma fast;
    private final RobustEwma diff;
    private final RobustEwma magnitude;
    private final RobustEwma surprise;
    private final RobustEwma[] season = new RobustEwma[BUCKETS];
    private double seasonResidual;
    private double plainResidual;
    private long residualCount;
    private long count;
    private long firstMillis;
    private double previous;
    private double peak;
    private double quantile;
    private double chart;
    private int hold;

    /** A detector with the shipped defaults. */
    public DefaultAnomalyDetector() {
        this(Config.defaults());
    }

    public DefaultAnomalyDetector(Config config) {
        this.config = Objects.requireNonNull(config, "config");
        this.slow = new RobustEwma(config.slowAlpha(), config.clip());
        this.fast = new RobustEwma(config.fastAlpha(), config.clip());
        this.diff = new RobustEwma(config.diffAlpha(), config.clip());
        this.magnitude = new RobustEwma(config.slowAlpha(), Double.POSITIVE_INFINITY);
        this.surprise = new RobustEwma(config.surpriseAlpha(), config.clip());
        for (int i = 0; i < BUCKETS; i++) {
            season[i] = new RobustEwma(config.seasonAlpha(), config.clip());
        }
    }

    /** A factory of detectors with the shipped defaults. */
    public static DetectorFactory factory() {
        return DefaultAnomalyDetector::new;
    }

    /** A factory of detectors with {@code config}. */
    public static DetectorFactory factory(Config config) {
        Objects.requireNonNull(config, "config");
        return () -> new DefaultAnomalyDetector(config);
    }

    @Override
    public AnomalyScore observe(long epochMillis, double value) {
        if (!Double.isFinite(value)) {
            // A NaN/Inf sample says nothing about the series; report it neutral and learn nothing.
            return new AnomalyScore(0.0, 0.0, slow.location(), count >= config.warmup());
        }
        if (count == 0) {
            firstMillis = epochMillis;
        }
        double floor = config.relativeFloor() * Math.abs(magnitude.location()) + 1e-12;
        int bucket = (int) Math.floorMod(Math.floorDiv(epochMillis, HOUR), (long) BUCKETS);
        RobustEwma seasonal = season[bucket];
        boolean seasonReady = epochMillis - firstMillis >= config.seasonMinMillis() && seasonal.count() >= 3
                && seasonResidual < config.seasonRatio() * plainResidual;

        double rf = config.rawFraction();
        double zSlow = z(value - slow.location(), slow.spread(), Math.max(floor, rf * slow.rawSpread()));
        double zFast = z(value - fast.location(), fast.spread(),
                Math.max(Math.max(floor, rf * fast.rawSpread()), 0.5 * slow.spread()));
        zSlow *= config.wSlow();
        zFast *= config.wFast();
        double zLevel = Math.abs(zSlow) < Math.abs(zFast) ? zFast : zSlow;
        double baseline = Math.abs(zSlow) < Math.abs(zFast) ? fast.location() : slow.location();
        if (seasonReady && config.wSeason() > 0) {
            zLevel = config.wSeason()
                    * z(value - seasonal.location(), seasonResidual, Math.max(floor, rf * seasonal.rawSpread()));
            baseline = seasonal.location();
        }
        double zDiff = count > 0 ? z(value - previous - diff.location(), diff.spread(),
                Math.max(floor, rf * diff.rawSpread())) * config.wDiff() : 0.0;
        // EWMA control chart: a short average against the slow baseline, in units of the average's own spread.
        double lambda = config.chartLambda();
        double chartNext = count == 0 ? value : chart + lambda * (value - chart);
        double zChart = config.wChart() * z(chartNext - slow.location(), slow.spread(),
                Math.max(floor, rf * slow.rawSpread())) / Math.sqrt(lambda / (2 - lambda));
        if (Math.abs(zChart) > Math.abs(zLevel)) {
            zLevel = zChart;
        }
        double deviation = zLevel;
        if (Math.abs(zDiff) > Math.abs(zLevel)) {
            deviation = zDiff;
            baseline = previous + diff.location();
        }
        boolean warm = count >= config.warmup();
        // Onset detection: the log-deviation must beat the series' own recent record, which decays linearly in log
        // space. A spiky series has a high record, so only a bigger spike counts; a lasting episode (a level shift
        // the baselines are still catching up with) scores once, at its onset.
        double u = Math.log1p(Math.abs(deviation));
        if (config.surpriseAlpha() > 0) {
            double uRaw = u;
            u = (u - surprise.location())
                    / (Math.max(surprise.spread(), config.surpriseFloor()) * RobustEwma.SIGMA_PER_MEAN_ABS_DEV);
            if (count >= config.warmup() / 2) {
                surprise.update(uRaw);
            }
        }
        double strength = config.peakDecay() < 0 ? u : u - peak;
        if (config.quantileP() > 0) {
            strength = u - Math.max(peak, quantile);
            if (count >= config.warmup() / 2) {
                double p = config.quantileP();
                quantile += u > quantile ? config.quantileStep() * p : -config.quantileStep() * (1 - p);
            }
        }
        double score = warm && strength > 0 ? strength2score(strength) : 0.0;
        if (hold > 0) {
            hold--;
            score *= config.suppress();
        } else if (score >= config.holdScore()) {
            hold = config.refractory();
        }
        if (count >= config.warmup() / 2) {
            // The first observations have near-zero spreads and absurd deviations; they must not set the record.
            peak = Math.max(u, peak - config.peakDecay());
        }
        // Learn after scoring.
        if (count > 0) {
            diff.update(value - previous);
        }
        double plainRes = Math.abs(value - slow.location());
        double seasonRes = Math.abs(value - seasonal.location());
        if (seasonal.count() >= 1) {
            residualCount++;
            double a = Math.max(0.005, 1.0 / residualCount);
            plainResidual += a * (Math.min(plainRes, config.clip() * Math.max(plainResidual, floor)) - plainResidual);
            seasonResidual += a * (Math.min(seasonRes, config.clip() * Math.max(seasonResidual, floor))
                    - seasonResidual);
        }
        slow.update(value);
        fast.update(value);
        seasonal.update(value);
        magnitude.update(Math.abs(value));
        previous = value;
        chart = chartNext;
        count++;
        return new AnomalyScore(score, deviation, baseline, warm);
    }

    private static double z(double delta, double spread, double floor) {
        double s = Math.max(spread, floor) * RobustEwma.SIGMA_PER_MEAN_ABS_DEV;
        return delta / s;
    }

    private double strength2score(double z) {
        // Log-compressed so that even astronomically large deviations (a flat series that moves) keep distinct
        // scores below 1: NAB, like any threshold, needs an order among strong alerts, not a tie at 1.0.
        return z / (z + config.halfScoreZ());
    }
}
