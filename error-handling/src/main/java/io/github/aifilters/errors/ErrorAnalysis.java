package io.github.aifilters.errors;

import io.github.aifilters.core.llm.EngineSource;

import java.time.Duration;
import java.util.List;

/**
 * @param category e.g. {@code database} (see {@link ErrorCategories})
 * @param status the HTTP status the category picks (or the status the exception declared)
 * @param severity {@code low}, {@code medium}, {@code high} or {@code critical}
 * @param probableCause a sentence for ops (never shown to clients)
 * @param suggestedActions what ops could do
 * @param docs links or references for ops
 * @param confidence in [0,1]
 * @param source which engine answered
 * @param latency time spent answering
 */
public record ErrorAnalysis(String category, int status, String severity, String probableCause,
                            List<String> suggestedActions, List<String> docs, double confidence,
                            EngineSource source, Duration latency) {
    public ErrorAnalysis {
        suggestedActions = suggestedActions == null ? List.of() : List.copyOf(suggestedActions);
        docs = docs == null ? List.of() : List.copyOf(docs);
    }
}
