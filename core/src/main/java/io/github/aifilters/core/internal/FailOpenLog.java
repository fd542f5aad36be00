package io.github.aifilters.core.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a filter's own failures at most once per interval, so a broken filter cannot flood the log. The message is
 * logged with the exception's class only, never its message (which may hold request data).
 */
public final class FailOpenLog {

    private final Logger logger;
    private final long intervalNanos;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public FailOpenLog(Logger logger, long intervalMillis) {
        this.logger = logger;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /** Records a failure of the filter's own logic; the request goes on as if the filter were absent. */
    public void failed(String filterName, String stage, Throwable t) {
        long now = System.nanoTime();
        long next = nextAllowed.get();
        if ((next == Long.MIN_VALUE || now - next >= 0) && nextAllowed.compareAndSet(next, now + intervalNanos)) {
            long dropped = suppressed.getAndSet(0);
            logger.warn("AI filter '{}' failed in {} ({}); the request continues without it{}", filterName, stage,
                    t.getClass().getName(), dropped > 0 ? " (" + dropped + " similar failures not logged)" : "");
            if (logger.isDebugEnabled()) {
                logger.debug("AI filter failure detail", t);
            }
        } else {
            suppressed.incrementAndGet();
        }
    }
}
