package io.github.aifilters.monitoring.anomaly;

/**
 * An online anomaly detector for one series. Each value is scored before it is learned from; O(1) time per update
 * and a few KB of state. Not thread-safe: one series, one caller at a time.
 */
public interface AnomalyDetector {

    /** Scores {@code value} observed at {@code epochMillis}, then learns from it. */
    AnomalyScore observe(long epochMillis, double value);
}
