package io.github.aifilters.core.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one log line of a kind through per interval and counts the ones held back, so that a failure repeated on every
 * request (an outage, a broken filter) logs once per interval with how many were not logged. Lock-free.
 */
public final class LogThrottle {

    private final long intervalNanos;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong held = new AtomicLong();

    public LogThrottle(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Whether a line may be logged at {@code nowNanos} ({@link System#nanoTime()}): the number of lines held back since
     * the last one that passed (0 or more), or -1 when this one is held back and counted.
     */
    public long pass(long nowNanos) {
        long next = nextAllowed.get();
        if ((next == Long.MIN_VALUE || nowNanos - next >= 0)
                && nextAllowed.compareAndSet(next, nowNanos + intervalNanos)) {
            return held.getAndSet(0);
        }
        held.incrementAndGet();
        return -1;
    }

    /** The end of a log line saying how many similar lines were held back, or "" when none. */
    public static String heldBack(long held) {
        return held > 0 ? " (" + held + " similar not logged)" : "";
    }
}
