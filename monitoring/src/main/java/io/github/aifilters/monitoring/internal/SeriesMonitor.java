package io.github.aifilters.monitoring.internal;

import io.github.aifilters.monitoring.anomaly.AnomalyDetector;
import io.github.aifilters.monitoring.anomaly.AnomalyScore;

/**
 * One watched series: its detector and its episode state. Each value is scored by the detector before the detector
 * learns from it. An episode starts with the first anomalous value of a warm detector and ends after
 * {@code episodeEndIntervals} consecutive values scoring below the threshold; only the start of an episode is
 * reported, so a lasting incident raises one alert, not one per interval.
 */
public final class SeriesMonitor {

    /** Which side of the baseline is worth an alert. */
    public enum Direction {
        /** Only values above the baseline (latency, errors, heap). */
        UP,
        /** Both sides (throughput: a drop to zero is as bad as a flood). */
        BOTH
    }

    private final String id;
    private final String metric;
    private final String route;
    private final AnomalyDetector detector;
    private final Direction direction;
    private double lastValue = Double.NaN;
    private AnomalyScore lastScore = new AnomalyScore(0, 0, Double.NaN, false);
    private long observations;
    private long lastObservedAt;
    private boolean inEpisode;
    private int calm;

    /** Observes without a minimum change (see the full overload). */
    public AnomalyScore observe(long epochMillis, double value, boolean alertable, double threshold,
                                int episodeEndIntervals) {
        return observe(epochMillis, value, alertable, threshold, episodeEndIntervals, 0);
    }

    public SeriesMonitor(String id, String metric, String route, AnomalyDetector detector, Direction direction) {
        this.id = id;
        this.metric = metric;
        this.route = route;
        this.detector = detector;
        this.direction = direction;
    }

    /**
     * Scores then learns {@code value}.
     *
     * @param alertable whether this value may alert at all (e.g. enough volume in the interval)
     * @param threshold score at or above which a value is anomalous
     * @param episodeEndIntervals calm values that end an episode
     * @param minChange smallest absolute distance from the baseline worth an alert (practical significance: a
     *                  series that was flat at 0 ms GC pause is "infinitely" surprised by 5 ms, yet nobody cares)
     * @return the score when a new episode starts (alert), else null
     */
    public synchronized AnomalyScore observe(long epochMillis, double value, boolean alertable, double threshold,
                                             int episodeEndIntervals, double minChange) {
        AnomalyScore s = detector.observe(epochMillis, value);
        lastValue = value;
        lastScore = s;
        observations++;
        lastObservedAt = epochMillis;
        boolean sideOk = direction == Direction.BOTH || s.deviation() > 0;
        boolean significant = !Double.isFinite(s.baseline()) || Math.abs(value - s.baseline()) >= minChange;
        boolean anomalous = s.warm() && alertable && sideOk && significant && s.score() >= threshold;
        if (anomalous) {
            calm = 0;
            if (!inEpisode) {
                inEpisode = true;
                return s;
            }
            return null;
        }
        if (inEpisode && ++calm >= episodeEndIntervals) {
            inEpisode = false;
            calm = 0;
        }
        return null;
    }

    public String id() {
        return id;
    }

    public String metric() {
        return metric;
    }

    public String route() {
        return route;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(id, metric, route, lastScore.baseline(), lastValue, lastScore.score(),
                lastScore.deviation(), lastScore.warm(), inEpisode, observations, lastObservedAt);
    }

    /** The state shown by the ops endpoint. */
    public record Snapshot(String series, String metric, String route, double baseline, double lastValue,
                           double lastScore, double lastDeviation, boolean warm, boolean inEpisode,
                           long observations, long lastObservedAt) {
    }
}
