package io.github.aifilters.semantic;

import java.util.List;
import java.util.Optional;

/**
 * What {@link SemanticIntentModel#classify(String)} answers.
 *
 * @param ranked      the top-k intents, best first (never empty for a trained model)
 * @param confidence  the calibrated confidence of the best intent, in [0, 1]
 * @param outOfScope  true when the confidence is below the model's out-of-scope threshold: the sentence matches
 *                    none of the trained intents well enough to be given one
 */
public record SemanticPrediction(List<ScoredIntent> ranked, double confidence, boolean outOfScope) {

    public SemanticPrediction {
        ranked = List.copyOf(ranked);
    }

    /** The best intent whatever the threshold says (what top-1 accuracy is measured on). */
    public String topIntent() {
        return ranked.isEmpty() ? null : ranked.get(0).intent();
    }

    /** The best intent, or empty when the sentence is out of scope. */
    public Optional<String> intent() {
        return outOfScope ? Optional.empty() : Optional.ofNullable(topIntent());
    }
}
