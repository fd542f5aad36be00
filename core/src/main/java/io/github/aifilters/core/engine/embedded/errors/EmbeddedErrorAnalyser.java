package io.github.aifilters.core.engine.embedded.errors;

import io.github.aifilters.core.engine.EngineSource;
import io.github.aifilters.core.engine.ErrorAnalyser;
import io.github.aifilters.core.engine.ErrorAnalysis;
import io.github.aifilters.core.engine.ErrorCategories;
import io.github.aifilters.core.engine.ErrorDescription;
import java.time.Duration;
import java.util.List;

/** The embedded error analyser. (Foundation placeholder: everything is internal until the analyser lands.) */
public final class EmbeddedErrorAnalyser implements ErrorAnalyser {

    @Override
    public ErrorAnalysis analyse(ErrorDescription description, Throwable throwable) {
        long start = System.nanoTime();
        return new ErrorAnalysis(ErrorCategories.INTERNAL, 500, "high", "Unexpected error in the application.",
                List.of("Look at the stack trace of the logged error."), List.of(), 0.2, EngineSource.EMBEDDED,
                Duration.ofNanos(System.nanoTime() - start));
    }
}
