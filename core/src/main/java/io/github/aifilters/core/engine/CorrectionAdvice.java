package io.github.aifilters.core.engine;

import java.time.Duration;
import java.util.Map;

/**
 * @param suggestions suggestion text by JSON pointer; only for pointers of the query
 * @param source which engine answered
 * @param latency time spent answering
 */
public record CorrectionAdvice(Map<String, String> suggestions, EngineSource source, Duration latency) {
    public CorrectionAdvice {
        suggestions = suggestions == null ? Map.of() : Map.copyOf(suggestions);
    }
}
