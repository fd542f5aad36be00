package io.github.aifilters.errors;

import io.github.aifilters.errors.internal.EmbeddedErrorAnalyser;

/** Categorises and explains errors offline. The embedded engine delegates to one. */
public interface ErrorAnalyser {
    ErrorAnalysis analyse(ErrorDescription description, Throwable throwable);

    /**
     * The embedded analyser the error filter runs for {@code config} (its rules, categories and overrides file), for
     * use without the filter, e.g. to classify exceptions read from logs: it works on an {@link ErrorDescription}
     * whose classes are not on the class path.
     */
    static ErrorAnalyser embedded(ErrorFilterConfig config) {
        return EmbeddedErrorAnalyser.of(config);
    }
}
