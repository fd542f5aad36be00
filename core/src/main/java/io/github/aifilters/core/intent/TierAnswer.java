package io.github.aifilters.core.intent;

import java.util.List;

/**
 * What an {@link IntentTier} answers for one text.
 *
 * @param ranked     the top-k intents, best first (never empty)
 * @param confidence the tier's confidence in the best intent, in [0, 1]
 * @param outOfScope true when the text fits none of the intents well enough (the answer is then {@code none})
 */
public record TierAnswer(List<RankedIntent> ranked, double confidence, boolean outOfScope) {

    public TierAnswer {
        ranked = List.copyOf(ranked);
        if (ranked.isEmpty()) {
            throw new IllegalArgumentException("a tier answer ranks at least one intent");
        }
    }

    /** The best intent whatever the out-of-scope decision. */
    public String topIntent() {
        return ranked.get(0).intent();
    }
}
