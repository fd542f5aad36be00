package io.github.aifilters.monitoring.anomaly;

import java.util.Arrays;
import java.util.Objects;

/**
 * The shipped online anomaly detector: a robust level baseline, an hour-of-week seasonal baseline, and onset scoring
 * against the series' own record of surprises. Design and NAB figures: {@code docs/anomaly-detection.md}. Alert at
 * {@code score >= 0.5}; NAB's optimal threshold for the shipped defaults is 0.52.
 *
 * <p>Per observation, in O(1) time:
 * <ol>
 *   <li><b>Deviation.</b> The value is compared with the expected value, in robust σ units (winsorised exponentially
 *   weighted mean absolute deviation × 1.2533). The expected value is the hour-of-week seasonal baseline when that
 *   model explains the series clearly better than a flat one (residuals below {@link Config#seasonRatio()} of the
 *   flat model's) and has data for this hour, else the slow level baseline. Spreads are floored at a fraction of the
 *   series' typical magnitude and of the un-winsorised spread, so flat or sparse-spiky series do not produce
 *   astronomically large deviations.</li>
 *   <li><b>Surprise.</b> {@code u = ln(1 + |deviation|)} is compared with the larger of (a) a running high quantile of
 *   past {@code u} in the same direction ({@link Config#quantile()}; one estimate for upward, one for downward
 *   deviations; stochastic approximation: it steps up fast on exceedances and creeps down otherwise), (b) the episode peak: the largest recent {@code u}, decaying linearly
 *   ({@link Config#episodeDecay()} per observation), (c) the hour-of-day record: the largest {@code u} seen at this
 *   hour of the day (± {@link Config#hourSpread()} hours) on earlier days, decaying by {@link Config#hourPeakDecay()}
 *   per day, and (d) {@code ln(1 + minDeviation)}. Only the part of {@code u} above all of them counts: a spiky
 *   series needs a bigger spike than a calm one, a lasting episode (a level shift the baseline is still catching up
 *   with) scores at its onset, not at every point, and a nightly batch job scores lower each night than a novel
 *   spike. While the baseline is young ({@link Config#probation()} observations) the bar (d) starts at
 *   {@link Config#probationDeviation()} and falls to {@code minDeviation}: alerts are possible soon after start, but
 *   only for what a handful of values can already call anomalous.</li>
 *   <li><b>Refractory period.</b> After a score of at least {@link Config#holdScore()}, the next
 *   {@link Config#refractory()} scores are damped by {@link Config#suppress()}: one alert per episode.</li>
 *   <li><b>Score.</b> {@code s / (s + halfScoreStrength)} of the surprise {@code s}; 0 while cold (fewer than
 *   {@link Config#warmup()} observations) or unsurprising. Deviations are clamped to ±{@link Config#maxDeviation()},
 *   so they are always finite and readable.</li>
 * </ol>
 * Each value is scored before it is learned from. State: a fixed ~6 KB (168 seasonal buckets, 24 hour records),
 * whatever the traffic.
 * Not thread-safe: one series, one caller at a time.
 */
public final class DefaultAnomalyDetector implements AnomalyDetector {

    /**
     * Tuning knobs. {@link #defaults()} is what the monitoring filter ships and what the NAB benchmark measures; one
     * set for every series.
     *
     * @param warmup             observations before the detector is warm; scores are 0 until then
     * @param levelAlpha         EW weight of the level baseline (≈ 1/memory in observations)
     * @param clip               winsorising limit of every baseline update, in spreads
     * @param relativeFloor      smallest spread, as a fraction of the series' typical magnitude (flat series)
     * @param rawFloorFraction   smallest spread, as a fraction of the un-winsorised spread (sparse spiky series)
     * @param seasonBuckets      seasonal buckets; with 60-minute buckets, 168 is hour-of-week, 24 hour-of-day
     * @param bucketMinutes      width of a seasonal bucket
     * @param seasonAlpha        EW weight of a seasonal bucket, per observation falling in it
     * @param seasonMinMillis    span of data before the seasonal model may be used
     * @param seasonRatio        the seasonal model is used when its mean residual is below this fraction of the flat
     *                           model's
     * @param residualAlpha      EW weight of the residual comparison between the two models
     * @param quantile           probability of the running surprise quantile an observation must beat
     * @param quantileStep       step (in ln units) of the quantile estimate
     * @param episodeDecay       linear decay (ln units per observation) of the episode peak
     * @param refractory         observations damped after an alert-level score
     * @param holdScore          score that opens a refractory period
     * @param suppress           factor on the surprise during a refractory period
     * @param halfScoreStrength  surprise (ln units above quantile and peak) that scores 0.5
     * @param minDeviation       smallest |deviation| (robust σ) that can score at all
     * @param hourPeakDecay      decay of the hour-of-day surprise record, ln units per day
     * @param hourSpread         neighbouring hours (each side) whose record also applies (jittery batch jobs)
     * @param dailyBuckets       buckets of an additional time-of-day profile (e.g. 24), 0 for none; it competes with
     *                           the hour-of-week profile and helps during a series' first week
     * @param dailyPreference    the time-of-day profile wins when its relative residual is below this × the weekly one's
     * @param probation          observations (counted from the first) during which the baseline is young: the smallest
     *                           |deviation| that can score starts at {@code probationDeviation} when the detector
     *                           turns warm and falls linearly to {@code minDeviation} at the end of the probation (no
     *                           effect when not above {@code warmup}); the surprise records (quantiles, episode peak,
     *                           hour-of-day record) start learning after half of {@code max(warmup, probation)}
     *                           observations, as the very first spreads are too unreliable to set a record
     * @param probationDeviation smallest |deviation| (robust σ) that can score when the detector turns warm
     * @param maxDeviation       |deviation| is clamped to this many robust σ: beyond it, "how surprising" carries no
     *                           information (a series flat at 0 that moves is as surprising at 10^3 as at 10^13)
     */
    public record Config(int warmup, double levelAlpha, double clip, double relativeFloor, double rawFloorFraction,
                         int seasonBuckets, int bucketMinutes, double seasonAlpha, long seasonMinMillis,
                         double seasonRatio, double residualAlpha, double quantile, double quantileStep,
                         double episodeDecay, int refractory, double holdScore, double suppress,
                         double halfScoreStrength, double minDeviation, double hourPeakDecay, int hourSpread,
                         int dailyBuckets, double dailyPreference, int probation, double probationDeviation,
                         double maxDeviation) {

        public Config {
            if (dailyBuckets < 0 || dailyBuckets > 1440 || (dailyBuckets > 0 && 1440 % dailyBuckets != 0)) {
                throw new IllegalArgumentException("dailyBuckets must be 0 or divide 1440 (minutes of a day)");
            }
            if (warmup < 2 || refractory < 0 || seasonBuckets < 1 || bucketMinutes < 1 || hourSpread < 0
                    || hourSpread > 11 || !(hourPeakDecay >= 0) || !(minDeviation >= 0)) {
                throw new IllegalArgumentException("warmup >= 2, refractory >= 0, seasonBuckets >= 1, "
                        + "bucketMinutes >= 1, 0 <= hourSpread <= 11, hourPeakDecay >= 0, minDeviation >= 0");
            }
            if (!(levelAlpha > 0 && levelAlpha <= 1) || !(seasonAlpha > 0 && seasonAlpha <= 1)
                    || !(residualAlpha > 0 && residualAlpha <= 1)) {
                throw new IllegalArgumentException("EW weights must be in (0,1]");
            }
            if (probation < 0 || !(probationDeviation >= minDeviation) || !(maxDeviation > minDeviation)
                    || !(maxDeviation < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("probation >= 0, probationDeviation >= minDeviation, "
                        + "minDeviation < maxDeviation < infinity");
            }
            if (!(quantile > 0 && quantile < 1) || !(quantileStep > 0) || !(episodeDecay > 0) || !(clip > 1)
                    || !(halfScoreStrength > 0) || !(suppress >= 0 && suppress <= 1)) {
                throw new IllegalArgumentException("invalid detector parameters");
            }
        }

        /** A builder starting from {@link #defaults()}. */
        public static Builder builder() {
            return new Builder(defaults());
        }

        /** A builder starting from this configuration. */
        public Builder toBuilder() {
            return new Builder(this);
        }

        /** Fluent builder; every setter names the record component it sets. */
        public static final class Builder {
            private int warmup;
            private double levelAlpha;
            private double clip;
            private double relativeFloor;
            private double rawFloorFraction;
            private int seasonBuckets;
            private int bucketMinutes;
            private double seasonAlpha;
            private long seasonMinMillis;
            private double seasonRatio;
            private double residualAlpha;
            private double quantile;
            private double quantileStep;
            private double episodeDecay;
            private int refractory;
            private double holdScore;
            private double suppress;
            private double halfScoreStrength;
            private double minDeviation;
            private double hourPeakDecay;
            private int hourSpread;
            private int dailyBuckets;
            private double dailyPreference;
            private int probation;
            private double probationDeviation;
            private double maxDeviation;

            private Builder(Config c) {
                warmup = c.warmup();
                levelAlpha = c.levelAlpha();
                clip = c.clip();
                relativeFloor = c.relativeFloor();
                rawFloorFraction = c.rawFloorFraction();
                seasonBuckets = c.seasonBuckets();
                bucketMinutes = c.bucketMinutes();
                seasonAlpha = c.seasonAlpha();
                seasonMinMillis = c.seasonMinMillis();
                seasonRatio = c.seasonRatio();
                residualAlpha = c.residualAlpha();
                quantile = c.quantile();
                quantileStep = c.quantileStep();
                episodeDecay = c.episodeDecay();
                refractory = c.refractory();
                holdScore = c.holdScore();
                suppress = c.suppress();
                halfScoreStrength = c.halfScoreStrength();
                minDeviation = c.minDeviation();
                hourPeakDecay = c.hourPeakDecay();
                hourSpread = c.hourSpread();
                dailyBuckets = c.dailyBuckets();
                dailyPreference = c.dailyPreference();
                probation = c.probation();
                probationDeviation = c.probationDeviation();
                maxDeviation = c.maxDeviation();
            }

            public Builder warmup(int v) {
                warmup = v;
                return this;
            }

            public Builder levelAlpha(double v) {
                levelAlpha = v;
                return this;
            }

            public Builder clip(double v) {
                clip = v;
                return this;
            }

            public Builder relativeFloor(double v) {
                relativeFloor = v;
                return this;
            }

            public Builder rawFloorFraction(double v) {
                rawFloorFraction = v;
                return this;
            }

            public Builder seasonBuckets(int v) {
                seasonBuckets = v;
                return this;
            }

            public Builder bucketMinutes(int v) {
                bucketMinutes = v;
                return this;
            }

            public Builder seasonAlpha(double v) {
                seasonAlpha = v;
                return this;
            }

            public Builder seasonMinMillis(long v) {
                seasonMinMillis = v;
                return this;
            }

            public Builder seasonRatio(double v) {
                seasonRatio = v;
                return this;
            }

            public Builder residualAlpha(double v) {
                residualAlpha = v;
                return this;
            }

            public Builder quantile(double v) {
                quantile = v;
                return this;
            }

            public Builder quantileStep(double v) {
                quantileStep = v;
                return this;
            }

            public Builder episodeDecay(double v) {
                episodeDecay = v;
                return this;
            }

            public Builder refractory(int v) {
                refractory = v;
                return this;
            }

            public Builder holdScore(double v) {
                holdScore = v;
                return this;
            }

            public Builder suppress(double v) {
                suppress = v;
                return this;
            }

            public Builder halfScoreStrength(double v) {
                halfScoreStrength = v;
                return this;
            }

            public Builder minDeviation(double v) {
                minDeviation = v;
                return this;
            }

            public Builder hourPeakDecay(double v) {
                hourPeakDecay = v;
                return this;
            }

            public Builder hourSpread(int v) {
                hourSpread = v;
                return this;
            }

            public Builder dailyBuckets(int v) {
                dailyBuckets = v;
                return this;
            }

            public Builder dailyPreference(double v) {
                dailyPreference = v;
                return this;
            }

            public Builder probation(int v) {
                probation = v;
                return this;
            }

            public Builder probationDeviation(double v) {
                probationDeviation = v;
                return this;
            }

            public Builder maxDeviation(double v) {
                maxDeviation = v;
                return this;
            }

            public Config build() {
                return new Config(warmup, levelAlpha, clip, relativeFloor, rawFloorFraction, seasonBuckets,
                        bucketMinutes, seasonAlpha, seasonMinMillis, seasonRatio, residualAlpha, quantile, quantileStep,
                        episodeDecay, refractory, holdScore, suppress, halfScoreStrength, minDeviation, hourPeakDecay,
                        hourSpread, dailyBuckets, dailyPreference, probation, probationDeviation, maxDeviation);
            }
        }

        /**
         * The shipped defaults (see docs/anomaly-detection.md): warm-up and probation chosen so that an alert can
         * fire within 10 intervals of start while a quiet young series stays quiet; {@code maxDeviation} and the rest
         * tuned once on the whole NAB corpus.
         */
        public static Config defaults() {
            return new Config(6, 0.0015, 4.0, 0.02, 0.4,
                    168, 60, 0.02, 86_400_000L, 0.7, 0.005,
                    0.999, 0.05, 0.01, 400, 0.5, 0.5, 0.1, 4.0, 0.3, 3, 0, 1.0,
                    100, 10.0, 3000.0);
        }
    }

    private static final long NO_RECORD = Long.MIN_VALUE;
    private static final double MAX_MAGNITUDE = 1e150;

    private final Config config;
    private final RobustEwma level;
    private final double minU;
    /** Observations before the surprise records learn. */
    private final int recordsFrom;
    /** EW mean of |value|: the series' typical magnitude, for the spread floor. */
    private double magnitude;
    private final SeasonalProfile weekly;
    private final SeasonalProfile daily;
    private long count;
    private long firstMillis;
    private double quantileUp;
    private double quantileDown;
    private double peakU;
    private int hold;
    private final double[] hourPeak = new double[24];
    private final long[] hourPeakMillis = new long[24];

    /** A detector with the shipped defaults; what the monitoring filter uses. */
    public DefaultAnomalyDetector() {
        this(Config.defaults());
    }

    public DefaultAnomalyDetector(Config config) {
        this.config = Objects.requireNonNull(config, "config");
        this.level = new RobustEwma(config.levelAlpha(), config.clip());
        this.minU = Math.log1p(config.minDeviation());
        this.recordsFrom = Math.max(config.warmup(), config.probation()) / 2;
        weekly = new SeasonalProfile(config.seasonBuckets(), config.bucketMinutes(), config.seasonAlpha(),
                config.clip(), config.residualAlpha());
        daily = config.dailyBuckets() > 0 ? new SeasonalProfile(config.dailyBuckets(), 1440 / config.dailyBuckets(),
                config.seasonAlpha(), config.clip(), config.residualAlpha()) : null;
        Arrays.fill(hourPeakMillis, NO_RECORD);
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

    /** The configuration of this detector. */
    public Config config() {
        return config;
    }

    /** Observations learned so far. */
    public long count() {
        return count;
    }

    @Override
    public AnomalyScore observe(long epochMillis, double value) {
        boolean warm = count >= config.warmup();
        if (!Double.isFinite(value)) {
            // A NaN/infinite sample says nothing about the series: neutral, and nothing learned.
            return new AnomalyScore(0.0, 0.0, level.location(), warm);
        }
        if (count == 0) {
            firstMillis = epochMillis;
        }
        // Saturate absurd magnitudes so that no difference of two values can overflow to ±∞ (and then NaN).
        value = Math.max(-MAX_MAGNITUDE, Math.min(MAX_MAGNITUDE, value));

        int bucket = weekly.bucket(epochMillis);
        int dayBucket = daily == null ? 0 : daily.bucket(epochMillis);
        boolean seasonTime = epochMillis - firstMillis >= config.seasonMinMillis();
        SeasonalProfile profile = null;
        int pb = 0;
        if (seasonTime && weekly.usable(bucket, config.seasonRatio())) {
            profile = weekly;
            pb = bucket;
        }
        if (seasonTime && daily != null && daily.usable(dayBucket, config.seasonRatio())
                && (profile == null
                || daily.relativeResidual() < config.dailyPreference() * weekly.relativeResidual())) {
            profile = daily;
            pb = dayBucket;
        }

        double rf = config.rawFloorFraction();
        double baseline = profile != null ? profile.location(pb) : level.location();
        // The learning floor follows the series' typical magnitude only: a stale expected value must not loosen
        // the clipping of the models it comes from.
        double floor = config.relativeFloor() * Math.abs(magnitude) + 1e-12;
        // The scoring scale never goes below a fraction of the typical magnitude or of the expected value (a young
        // baseline's spread of a few identical values is 0), nor below a tiny absolute epsilon (a series that was
        // all zeros has no magnitude at all: the clamp below then bounds the deviation).
        double scoreFloor = Math.max(floor, config.relativeFloor() * Math.abs(baseline));
        double deviation = profile != null
                ? z(value - baseline, profile.residual(), Math.max(scoreFloor, rf * profile.rawSpread(pb)))
                : z(value - baseline, level.spread(), Math.max(scoreFloor, rf * level.rawSpread()));
        deviation = Math.max(-config.maxDeviation(), Math.min(config.maxDeviation(), deviation));

        double u = Math.log1p(Math.abs(deviation));
        int hour = (int) Math.floorMod(Math.floorDiv(epochMillis, 3_600_000L), 24L);
        double recurring = 0;
        if (config.hourPeakDecay() > 0) {
            for (int k = -config.hourSpread(); k <= config.hourSpread(); k++) {
                int h = Math.floorMod(hour + k, 24);
                if (hourPeakMillis[h] != NO_RECORD) {
                    recurring = Math.max(recurring, hourPeakNow(h, epochMillis));
                }
            }
        }
        double q = deviation >= 0 ? quantileUp : quantileDown;
        double strength = u - Math.max(Math.max(Math.max(peakU, q), minU()), recurring);
        double score = warm && strength > 0 ? strength2score(strength) : 0.0;
        if (hold > 0) {
            hold--;
            score = warm && strength > 0 ? strength2score(strength * config.suppress()) : 0.0;
        } else if (score >= config.holdScore()) {
            hold = config.refractory();
        }

        learn(value, bucket, dayBucket, floor, u, deviation);
        if (count > recordsFrom) {
            hourPeak[hour] = hourPeakMillis[hour] == NO_RECORD ? u : Math.max(u, hourPeakNow(hour, epochMillis));
            hourPeakMillis[hour] = epochMillis;
        }
        return new AnomalyScore(score, deviation, baseline, warm);
    }

    private void learn(double value, int bucket, int dayBucket, double floor, double u, double deviation) {
        if (count >= recordsFrom) {
            // The very first observations have near-zero spreads and absurd deviations: they must not set the
            // surprise record.
            double p = config.quantile();
            // One quantile per direction: many series are spiky upwards and calm downwards (or the reverse).
            double up = deviation >= 0 ? u : 0;
            double down = deviation < 0 ? u : 0;
            quantileUp = step(quantileUp, up, p);
            quantileDown = step(quantileDown, down, p);
            peakU = Math.max(u, peakU - config.episodeDecay());
        }
        weekly.update(bucket, value, level.location(), floor);
        if (daily != null) {
            daily.update(dayBucket, value, level.location(), floor);
        }
        level.update(value);
        count++;
        magnitude += Math.max(config.levelAlpha(), 1.0 / count) * (Math.abs(value) - magnitude);
    }

    /**
     * The smallest surprise that can score: while the baseline is young (probation) its spread is estimated from a
     * handful of values and the surprise records are not learned yet, so the bar starts higher and falls linearly to
     * {@code ln(1 + minDeviation)} at the end of the probation.
     */
    private double minU() {
        if (count >= config.probation()) {
            return minU;
        }
        double young = (double) (config.probation() - count) / Math.max(1, config.probation() - config.warmup());
        young = Math.min(1.0, young);
        return Math.log1p(config.minDeviation() + young * (config.probationDeviation() - config.minDeviation()));
    }

    /** One stochastic-approximation step of a p-quantile estimate; u >= 0, so the estimate never goes below 0. */
    private double step(double q, double u, double p) {
        double next = q + (u > q ? config.quantileStep() * p : -config.quantileStep() * (1 - p));
        return Math.max(0.0, next);
    }

    /** The hour's recurring-surprise record, decayed linearly with elapsed time (per day). */
    private double hourPeakNow(int hour, long now) {
        double days = Math.max(0, now - hourPeakMillis[hour]) / 86_400_000.0;
        return hourPeak[hour] - config.hourPeakDecay() * days;
    }

    private static double z(double delta, double spread, double floor) {
        return delta / (Math.max(spread, floor) * RobustEwma.SIGMA_PER_MEAN_ABS_DEV);
    }

    private double strength2score(double s) {
        return s / (s + config.halfScoreStrength());
    }
}
