package io.github.aifilters.monitoring.internal;

import io.github.aifilters.monitoring.anomaly.AnomalyDetector;
import io.github.aifilters.monitoring.anomaly.DefaultAnomalyDetector;
import io.github.aifilters.monitoring.anomaly.DetectorFactory;
import java.lang.reflect.Constructor;

/** Where the filter's detector comes from: the shipped default, or a class named in configuration. */
public final class Detectors {

    private Detectors() {
    }

    /**
     * The detector the filter ships with: {@link DefaultAnomalyDetector} with its defaults, the very configuration the
     * NAB benchmark measures (docs/anomaly-detection.md). One detector, one set of defaults.
     */
    public static DetectorFactory defaultFactory() {
        return DefaultAnomalyDetector.factory();
    }

    /**
     * A factory instantiating {@code className} (an {@link AnomalyDetector} with a public no-arg constructor) per
     * series. Fails fast, at start-up, when the class is missing or unfit.
     */
    public static DetectorFactory byClassName(String className) {
        try {
            Class<?> type = Class.forName(className, true, Detectors.class.getClassLoader());
            if (!AnomalyDetector.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(className + " does not implement " + AnomalyDetector.class.getName());
            }
            Constructor<? extends AnomalyDetector> ctor = type.asSubclass(AnomalyDetector.class).getConstructor();
            ctor.newInstance(); // probe once so a broken class fails at start-up
            return () -> {
                try {
                    return ctor.newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot create detector " + className, e);
                }
            };
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("detector class " + className + " cannot be instantiated: " + e, e);
        }
    }
}
