package io.github.aifilters.monitoring.internal;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * One interval of one route: request count, server errors, and a fixed-size uniform sample of latencies
 * (reservoir sampling, Vitter's algorithm R) from which the p95 is read. Memory is fixed whatever the traffic.
 *
 * <p>Lock-free: every request of a route records here, and a lock held by a thread the OS has descheduled made the
 * route's other requests wait for it (tens of milliseconds under load on two cores). The price is a benign race: a
 * sample slot written by two requests at once keeps one of them, and a slot whose request has taken its index but
 * not yet written it is left out of the quantile.
 */
public final class LatencyReservoir {

    /** A slot no request has written yet. */
    private static final long EMPTY = -1;

    private final AtomicLongArray sample;
    private final AtomicLong count = new AtomicLong();
    private final LongAdder errors = new LongAdder();

    public LatencyReservoir(int size) {
        long[] slots = new long[Math.max(1, size)];
        Arrays.fill(slots, EMPTY);
        this.sample = new AtomicLongArray(slots);
    }

    public void record(long nanos, boolean error) {
        long c = count.getAndIncrement();
        int size = sample.length();
        if (c < size) {
            sample.setOpaque((int) c, Math.max(0, nanos));
        } else {
            long j = ThreadLocalRandom.current().nextLong(c + 1);
            if (j < size) {
                sample.setOpaque((int) j, Math.max(0, nanos));
            }
        }
        if (error) {
            errors.increment();
        }
    }

    public long count() {
        return count.get();
    }

    public long errors() {
        return errors.sum();
    }

    /** The {@code q} quantile (0..1) of the sampled latencies in milliseconds, NaN when empty. */
    public double quantileMillis(double q) {
        int filled = (int) Math.min(count.get(), sample.length());
        long[] sorted = new long[filled];
        int n = 0;
        for (int i = 0; i < filled; i++) {
            long v = sample.getOpaque(i);
            if (v != EMPTY) {
                sorted[n++] = v;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(sorted, 0, n);
        int index = (int) Math.ceil(q * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, index))] / 1_000_000.0;
    }
}
