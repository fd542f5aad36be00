package io.github.aifilters.monitoring.anomaly;

/** Creates a fresh detector per series; the filter and the NAB benchmark use the same factory. */
@FunctionalInterface
public interface DetectorFactory {
    AnomalyDetector create();
}
