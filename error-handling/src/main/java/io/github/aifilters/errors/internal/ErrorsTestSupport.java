package io.github.aifilters.errors.internal;

import io.github.aifilters.errors.ErrorFilterConfig;

/**
 * The one entry point of the benchmarks (and of other modules' tests) into this module's engine: the embedded error
 * analyser, built as the error filter builds it from its configuration (rules, categories, overrides file). The public
 * way in is {@code ErrorAnalyser.embedded(config)}; this adds the tuning knob only the benchmarks turn. Like
 * everything in an {@code internal} package, no compatibility promise.
 */
public final class ErrorsTestSupport {

    private ErrorsTestSupport() {
    }

    /** The filter's analyser for {@code config}. */
    public static EmbeddedErrorAnalyser analyser(ErrorFilterConfig config) {
        return EmbeddedErrorAnalyser.of(config);
    }

    /**
     * The filter's analyser for {@code config} with another client margin: the lead a client category (4xx) needs
     * over the best server category (the operating point the errors benchmark sweeps).
     */
    public static EmbeddedErrorAnalyser analyser(ErrorFilterConfig config, double clientMargin) {
        return EmbeddedErrorAnalyser.of(config, clientMargin);
    }
}
