package io.github.aifilters.monitoring.anomaly;

/**
 * An exponentially weighted, outlier-resistant location/scale estimate in O(1) time and two doubles of state.
 *
 * <p>Updates are winsorised at {@code clip} spreads from the current location (Huber-style), so one spike barely
 * moves the baseline, while a lasting level shift still wins: every clipped update also widens the spread, which
 * widens the clip, so the estimate catches up geometrically. The spread is the exponentially weighted mean absolute
 * deviation; {@link #SIGMA_PER_MEAN_ABS_DEV} turns it into standard-deviation-like robust units.
 */
final class RobustEwma {

    /** For Gaussian data, σ ≈ 1.2533 × mean absolute deviation. */
    static final double SIGMA_PER_MEAN_ABS_DEV = 1.2533141373155003;

    private final double alpha;
    private final double clip;
    private double location;
    private double spread;
    private double rawSpread;
    private long count;

    RobustEwma(double alpha, double clip) {
        this.alpha = alpha;
        this.clip = clip;
    }

    double location() {
        return location;
    }

    /** Mean absolute deviation (not yet in σ units). */
    double spread() {
        return spread;
    }

    /**
     * Mean absolute deviation without winsorising. On sparse spiky series (mostly 0, now and then huge) the robust
     * spread collapses to 0 and every spike looks infinitely surprising; the raw spread remembers the spikes.
     */
    double rawSpread() {
        return rawSpread;
    }

    long count() {
        return count;
    }

    void update(double x) {
        count++;
        if (count == 1) {
            location = x;
            spread = 0;
            rawSpread = 0;
            return;
        }
        // Early on a plain running mean converges faster than the EW weight; switch once 1/n < alpha.
        double a = Math.max(alpha, 1.0 / count);
        double dev = x - location;
        double limit = clip * spread;
        double clipped = spread > 0 ? Math.max(-limit, Math.min(limit, dev)) : dev;
        location += a * clipped;
        double absDev = Math.abs(dev);
        rawSpread += a * (absDev - rawSpread);
        if (spread > 0 && absDev > limit) {
            absDev = limit;
        }
        spread += a * (absDev - spread);
    }
}
