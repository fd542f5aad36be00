package io.github.aifilters.monitoring.internal;

/** Severity from the deviation in robust units, as in the original design. */
public final class Severity {

    private Severity() {
    }

    /** {@code >3} critical, {@code >2} high, {@code >1.5} medium, else low (absolute deviation). */
    public static String of(double deviation) {
        double d = Math.abs(deviation);
        if (d > 3) {
            return "critical";
        }
        if (d > 2) {
            return "high";
        }
        if (d > 1.5) {
            return "medium";
        }
        return "low";
    }
}
