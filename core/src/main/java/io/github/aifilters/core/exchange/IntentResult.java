package io.github.aifilters.core.exchange;

import io.github.aifilters.core.intent.RankedIntent;
import io.github.aifilters.core.llm.EngineSource;
import java.time.Duration;
import java.util.List;

/**
 * @param intent the recognised intent, or {@link #NONE}
 * @param confidence calibrated probability in [0,1]
 * @param entities entities found in the text, with offsets
 * @param suggestedAction the intent's configured action, or null
 * @param source which engine (tier) answered
 * @param latency time spent answering
 * @param ranked the top-k intents of the tier that answered, best first (empty when the engine gave no ranking,
 *               e.g. an LLM answer)
 * @param ambiguous true when the two best intents of {@code ranked} are closer than the configured ambiguity margin
 *                  (Rasa's {@code ambiguity_threshold} idea): the answer may be right, but a runner-up was close
 */
public record IntentResult(String intent, double confidence, List<Entity> entities, String suggestedAction,
                           EngineSource source, Duration latency, List<RankedIntent> ranked, boolean ambiguous) {

    /** The label meaning "out of scope". */
    public static final String NONE = "none";

    public IntentResult {
        entities = entities == null ? List.of() : List.copyOf(entities);
        ranked = ranked == null ? List.of() : List.copyOf(ranked);
    }

    /** The original six components: no ranking, not ambiguous (kept so that existing code compiles unchanged). */
    public IntentResult(String intent, double confidence, List<Entity> entities, String suggestedAction,
                        EngineSource source, Duration latency) {
        this(intent, confidence, entities, suggestedAction, source, latency, List.of(), false);
    }

    public boolean isNone() {
        return NONE.equals(intent);
    }

    public IntentResult withLatency(Duration newLatency) {
        return new IntentResult(intent, confidence, entities, suggestedAction, source, newLatency, ranked, ambiguous);
    }

    /** This answer with a ranking, flagged ambiguous when its two best scores are less than {@code margin} apart. */
    public IntentResult withRanking(List<RankedIntent> newRanked, double margin) {
        return new IntentResult(intent, confidence, entities, suggestedAction, source, latency, newRanked,
                isAmbiguous(newRanked, margin));
    }

    /** The runner-up of the ranking, or null. */
    public String runnerUp() {
        return ranked.size() < 2 ? null : ranked.get(1).intent();
    }

    /** True when {@code ranked} has two intents whose scores are less than {@code margin} apart. */
    public static boolean isAmbiguous(List<RankedIntent> ranked, double margin) {
        return ranked != null && ranked.size() >= 2 && ranked.get(0).score() - ranked.get(1).score() < margin;
    }
}
