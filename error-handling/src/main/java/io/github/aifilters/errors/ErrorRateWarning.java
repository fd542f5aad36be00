package io.github.aifilters.errors;

import java.time.Instant;

/**
 * A route's error rate over the recent window is far above its baseline.
 *
 * @param route route template
 * @param recentRate errors / requests over the recent window (current minute included)
 * @param baselineRate EWMA of the per-minute error ratio of the minutes before the window
 * @param recentRequests requests in the recent window
 * @param recentErrors errors in the recent window
 * @param at when the warning was raised
 */
public record ErrorRateWarning(String route, double recentRate, double baselineRate, long recentRequests,
                               long recentErrors, Instant at) {
}
