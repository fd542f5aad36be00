package io.github.aifilters.core.exchange;

import io.github.aifilters.core.llm.EngineSource;
import java.time.Duration;
import java.util.List;

/**
 * @param intent the recognised intent, or {@link #NONE}
 * @param confidence calibrated probability in [0,1]
 * @param entities entities found in the text, with offsets
 * @param suggestedAction the intent's configured action, or null
 * @param source which engine answered
 * @param latency time spent answering
 */
public record IntentResult(String intent, double confidence, List<Entity> entities, String suggestedAction,
                           EngineSource source, Duration latency) {

    /** The label meaning "out of scope". */
    public static final String NONE = "none";

    public IntentResult {
        entities = entities == null ? List.of() : List.copyOf(entities);
    }

    public boolean isNone() {
        return NONE.equals(intent);
    }

    public IntentResult withLatency(Duration newLatency) {
        return new IntentResult(intent, confidence, entities, suggestedAction, source, newLatency);
    }
}
