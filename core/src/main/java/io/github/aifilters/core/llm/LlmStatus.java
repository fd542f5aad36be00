package io.github.aifilters.core.llm;

import java.time.Instant;

/**
 * Health of an LLM client, for ops views and alerts: whether its circuit breaker lets calls through and how its
 * calls have fared since start. An outage must be visible to the people running the app, not only in the fact that
 * answers quietly fall back to the embedded ones.
 *
 * @param engine the engine's name (bounded: configured, not from replies)
 * @param breakerState {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN} … ({@code NONE} for a client without one)
 * @param calls calls asked since start (cache hits included)
 * @param successes calls answered and checked
 * @param failures calls that failed (error, refused answer)
 * @param timeouts calls that passed their deadline
 * @param rejected calls not made: breaker open, bulkhead full or rate limited
 * @param meanLatencyMillis mean latency of calls that reached the engine, 0 before any
 * @param maxLatencyMillis largest latency seen, 0 before any
 * @param breakerOpenings how often the breaker opened
 * @param lastFailureAt when the last failure or timeout happened, null if never
 */
public record LlmStatus(String engine, String breakerState, long calls, long successes, long failures, long timeouts,
                        long rejected, double meanLatencyMillis, double maxLatencyMillis, long breakerOpenings,
                        Instant lastFailureAt) {

    /** Whether the breaker currently refuses calls. */
    public boolean open() {
        return "OPEN".equals(breakerState) || "FORCED_OPEN".equals(breakerState);
    }
}
