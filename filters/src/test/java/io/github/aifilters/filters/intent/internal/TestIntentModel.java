package io.github.aifilters.filters.intent.internal;

import io.github.aifilters.core.exchange.IntentResult;

import io.github.aifilters.core.llm.EngineSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** A tiny intent model for tests: fixed labels and a fixed embedded answer. */
public record TestIntentModel(Set<String> labels, String embeddedIntent, double embeddedConfidence)
        implements IntentModel {

    public static TestIntentModel weak() {
        return new TestIntentModel(Set.of("search", "create_user", "generate_report"), "search", 0.3);
    }

    @Override
    public IntentResult classify(String text) {
        return new IntentResult(embeddedIntent, embeddedConfidence, List.of(), actionOf(embeddedIntent),
                EngineSource.EMBEDDED, Duration.ZERO);
    }

    @Override
    public String actionOf(String intent) {
        return "create_user".equals(intent) ? "/api/users" : null;
    }
}
