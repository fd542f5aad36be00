package io.github.aifilters.monitoring.series;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One interval of one route: request count, server errors, and a fixed-size uniform sample of latencies
 * (reservoir sampling, Vitter's algorithm R) from which the p95 is read. Memory is fixed whatever the traffic.
 */
public final class LatencyReservoir {

    private final long[] sample;
    private long count;
    private long errors;

    public LatencyReservoir(int size) {
        this.sample = new long[Math.max(1, size)];
    }

    public synchronized void record(long nanos, boolean error) {
        if (count < sample.length) {
            sample[(int) count] = nanos;
        } else {
            long j = ThreadLocalRandom.current().nextLong(count + 1);
            if (j < sample.length) {
                sample[(int) j] = nanos;
            }
        }
        count++;
        if (error) {
            errors++;
        }
    }

    public synchronized long count() {
        return count;
    }

    public synchronized long errors() {
        return errors;
    }

    /** The {@code q} quantile (0..1) of the sampled latencies in milliseconds, NaN when empty. */
    public synchronized double quantileMillis(double q) {
        int n = (int) Math.min(count, sample.length);
        if (n == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(sample, n);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(q * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, index))] / 1_000_000.0;
    }
}
