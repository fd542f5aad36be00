package io.github.aifilters.monitoring.series;

import io.github.aifilters.monitoring.anomaly.AnomalyDetector;
import io.github.aifilters.monitoring.anomaly.AnomalyScore;
import java.util.Arrays;

/**
 * A small robust online detector: a Huber-clipped EWMA of the median and of the median absolute deviation (MAD).
 * The first {@code warmUp} values are kept and their exact median/MAD seed the state; before that the detector
 * scores 0 and reports {@code warm=false}. After warm-up each value is scored against the current baseline, then
 * learned from with its step clipped at {@code clip} scales, so one outlier barely moves the baseline while a level
 * shift is absorbed within a few dozen observations. O(1) time, a few hundred bytes.
 *
 * <p>The score maps the absolute deviation {@code d} (in robust units, MAD x 1.4826) to [0,1] as
 * {@code 1 - exp(-d^2/8)}: 1.5 units scores 0.25, 3 units 0.68, 3.6 units 0.80, 4 units 0.86. The scale is floored at
 * {@code minRelativeScale} x |median| (so a series that was perfectly flat does not alert on a 1% change) and at
 * {@code minAbsoluteScale}.
 *
 * <p>Used by the filter until the NAB-tuned detector of {@code io.github.aifilters.monitoring.anomaly} is wired in.
 */
public final class SimpleRobustDetector implements AnomalyDetector {

    /** Default number of values before the detector is warm. */
    public static final int DEFAULT_WARM_UP = 10;
    /** Default learning rate of the EWMA. */
    public static final double DEFAULT_ALPHA = 0.05;
    /** Default relative floor of the scale. */
    public static final double DEFAULT_MIN_RELATIVE_SCALE = 0.1;

    private static final double MAD_TO_SIGMA = 1.4826;
    private static final double CLIP = 3.0;

    private final int warmUp;
    private final double alpha;
    private final double minRelativeScale;
    private final double minAbsoluteScale;
    private final double[] seed;
    private int seen;
    private double median;
    private double mad;

    public SimpleRobustDetector() {
        this(DEFAULT_WARM_UP, DEFAULT_ALPHA, DEFAULT_MIN_RELATIVE_SCALE, 1e-9);
    }

    public SimpleRobustDetector(int warmUp, double alpha, double minRelativeScale, double minAbsoluteScale) {
        if (warmUp < 1 || alpha <= 0 || alpha > 1 || minRelativeScale < 0 || minAbsoluteScale <= 0) {
            throw new IllegalArgumentException("warmUp >= 1, 0 < alpha <= 1, scales >= 0 (absolute > 0) required");
        }
        this.warmUp = warmUp;
        this.alpha = alpha;
        this.minRelativeScale = minRelativeScale;
        this.minAbsoluteScale = minAbsoluteScale;
        this.seed = new double[warmUp];
    }

    @Override
    public AnomalyScore observe(long epochMillis, double value) {
        if (!Double.isFinite(value)) {
            return new AnomalyScore(0, 0, median, seen >= warmUp);
        }
        if (seen < warmUp) {
            seed[seen++] = value;
            if (seen == warmUp) {
                double[] sorted = Arrays.copyOf(seed, warmUp);
                Arrays.sort(sorted);
                median = medianOf(sorted);
                double[] dev = new double[warmUp];
                for (int i = 0; i < warmUp; i++) {
                    dev[i] = Math.abs(sorted[i] - median);
                }
                Arrays.sort(dev);
                mad = medianOf(dev);
            }
            return new AnomalyScore(0, 0, seen == warmUp ? median : value, false);
        }
        double scale = scale();
        double baseline = median;
        double deviation = (value - baseline) / scale;
        double score = 1 - Math.exp(-deviation * deviation / 8);
        // learn after scoring, with the step clipped so an outlier cannot drag the baseline
        double step = Math.max(-CLIP * scale, Math.min(CLIP * scale, value - baseline));
        median += alpha * step;
        mad += alpha * (Math.min(Math.abs(value - baseline), CLIP * scale) - mad);
        seen++;
        return new AnomalyScore(score, deviation, baseline, true);
    }

    private double scale() {
        return Math.max(Math.max(MAD_TO_SIGMA * mad, minRelativeScale * Math.abs(median)), minAbsoluteScale);
    }

    private static double medianOf(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
