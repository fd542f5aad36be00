package io.github.aifilters.monitoring.anomaly;

/**
 * @param score anomaly score in [0,1]
 * @param deviation signed deviation from the baseline in robust units (e.g. MADs)
 * @param baseline the expected value before this observation
 * @param warm whether the detector has seen enough data to be trusted (no alerts before)
 */
public record AnomalyScore(double score, double deviation, double baseline, boolean warm) {
}
