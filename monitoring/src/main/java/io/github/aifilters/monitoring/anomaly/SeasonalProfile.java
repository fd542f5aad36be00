package io.github.aifilters.monitoring.anomaly;

/**
 * A seasonal baseline: one winsorised EW location/spread (the {@link RobustEwma} update) per time bucket, e.g. 24
 * hour-of-day or 168 hour-of-week buckets, held in flat arrays (≈ 28 bytes a bucket). It also tracks its own mean
 * residual beside the flat baseline's over the same observations, so the detector can tell whether the series is
 * seasonal at all.
 */
final class SeasonalProfile {

    private final long bucketMillis;
    private final double alpha;
    private final double clip;
    private final double residualAlpha;
    private final double[] location;
    private final double[] spread;
    private final double[] rawSpread;
    private final int[] count;
    private double residual;
    private double flatResidual;
    private long residualCount;

    SeasonalProfile(int buckets, int bucketMinutes, double alpha, double clip, double residualAlpha) {
        this.bucketMillis = bucketMinutes * 60_000L;
        this.alpha = alpha;
        this.clip = clip;
        this.residualAlpha = residualAlpha;
        location = new double[buckets];
        spread = new double[buckets];
        rawSpread = new double[buckets];
        count = new int[buckets];
    }

    int bucket(long epochMillis) {
        return (int) Math.floorMod(Math.floorDiv(epochMillis, bucketMillis), (long) count.length);
    }

    /** Whether the bucket has data and the profile explains the series better than {@code ratio} × the flat one. */
    boolean usable(int b, double ratio) {
        return count[b] >= 3 && residual < ratio * flatResidual;
    }

    double location(int b) {
        return location[b];
    }

    double rawSpread(int b) {
        return rawSpread[b];
    }

    /** Mean absolute residual of this profile (pooled over buckets): the seasonal model's spread. */
    double residual() {
        return residual;
    }

    /** Quality of fit relative to the flat baseline (lower is better). */
    double relativeResidual() {
        return flatResidual > 0 ? residual / flatResidual : Double.POSITIVE_INFINITY;
    }

    /** Learns {@code x} in bucket {@code b}; {@code flatLocation} is the flat baseline's expected value. */
    void update(int b, double x, double flatLocation, double floor) {
        if (count[b] >= 1) {
            residualCount++;
            double a = Math.max(residualAlpha, 1.0 / residualCount);
            double flatRes = Math.abs(x - flatLocation);
            double res = Math.abs(x - location[b]);
            flatResidual += a * (Math.min(flatRes, clip * Math.max(flatResidual, floor)) - flatResidual);
            residual += a * (Math.min(res, clip * Math.max(residual, floor)) - residual);
        }
        int n = ++count[b];
        if (n == 1) {
            location[b] = x;
            return;
        }
        double a = Math.max(alpha, 1.0 / n);
        double dev = x - location[b];
        double s = spread[b];
        double absDev = Math.abs(dev);
        rawSpread[b] += a * (absDev - rawSpread[b]);
        if (s > 0) {
            double limit = clip * s;
            dev = Math.max(-limit, Math.min(limit, dev));
            absDev = Math.min(absDev, limit);
        }
        location[b] += a * dev;
        spread[b] += a * (absDev - s);
    }
}
