package io.github.aifilters.core.internal;

import io.github.aifilters.core.body.BodyRead;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * Counts bodies a filter had to skip, so an operator sees how often analysis did not happen and why (a cap set too
 * low shows as a climbing {@code over_cap}).
 *
 * <p>Meter: {@value #SKIPPED}, a counter tagged {@code reason} (the {@link BodyRead.Outcome} in lower case:
 * {@code over_cap}, {@code not_capturable}, {@code already_consumed}, {@code read_failed}) and {@code filter} (the
 * filter's name). {@code CAPTURED} and {@code EMPTY} are not skips and are not counted.
 */
public final class BodyReadMetrics {

    /** Counter name. */
    public static final String SKIPPED = "aifilters.body.skipped";

    private BodyReadMetrics() {
    }

    /** Whether an outcome means "there was a body, but the filter cannot look at it". */
    public static boolean isSkip(BodyRead.Outcome outcome) {
        return outcome != BodyRead.Outcome.CAPTURED && outcome != BodyRead.Outcome.EMPTY;
    }

    /**
     * Records the read's outcome when it is a skip; returns the read unchanged, so a filter can write
     * {@code BodyRead r = BodyReadMetrics.record(registry, name, body.read(cap));}. Never throws.
     */
    public static BodyRead record(MeterRegistry registry, String filter, BodyRead read) {
        if (registry == null || read == null || !isSkip(read.outcome())) {
            return read;
        }
        try {
            Counter.builder(SKIPPED)
                    .description("Request bodies a filter skipped, by reason")
                    .tag("reason", read.outcome().name().toLowerCase(Locale.ROOT))
                    .tag("filter", filter == null ? "unknown" : filter)
                    .register(registry)
                    .increment();
        } catch (RuntimeException e) {
            // A metrics failure must never fail the request.
        }
        return read;
    }
}
