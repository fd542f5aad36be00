package io.github.aifilters.core.internal;

import java.time.Duration;
import org.slf4j.Logger;

/**
 * Logs a filter's own failures at most once per interval, so a broken filter cannot flood the log. The message is
 * logged with the exception's class only, never its message (which may hold request data).
 */
public final class FailOpenLog {

    private final Logger logger;
    private final LogThrottle throttle;

    public FailOpenLog(Logger logger, long intervalMillis) {
        this.logger = logger;
        this.throttle = new LogThrottle(Duration.ofMillis(intervalMillis));
    }

    /** Records a failure of the filter's own logic; the request goes on as if the filter were absent. */
    public void failed(String filterName, String stage, Throwable t) {
        long held = throttle.pass(System.nanoTime());
        if (held < 0) {
            return;
        }
        logger.warn("AI filter '{}' failed in {} ({}); the request continues without it{}", filterName, stage,
                t.getClass().getName(), LogThrottle.heldBack(held));
        if (logger.isDebugEnabled()) {
            logger.debug("AI filter failure detail", t);
        }
    }
}
