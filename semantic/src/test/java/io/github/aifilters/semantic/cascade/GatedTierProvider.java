package io.github.aifilters.semantic.cascade;

import io.github.aifilters.core.intent.IntentTier;
import io.github.aifilters.core.intent.IntentTierProvider;
import io.github.aifilters.core.intent.LabelledExample;
import io.github.aifilters.core.intent.TierAnswer;
import io.github.aifilters.semantic.SemanticIntentTierProvider;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

/**
 * The real semantic tier behind a gate the test opens: until then the tier reports not ready whatever its training
 * did, so "not trained yet" is a state the test controls instead of a race with the training thread.
 */
public final class GatedTierProvider implements IntentTierProvider {

    static final CountDownLatch GATE = new CountDownLatch(1);

    private final SemanticIntentTierProvider real = new SemanticIntentTierProvider();

    @Override
    public String name() {
        return "semantic(gated)";
    }

    @Override
    public IntentTier create(List<LabelledExample> examples, Executor executor) {
        IntentTier inner = real.create(examples, executor);
        return new IntentTier() {
            @Override
            public boolean ready() {
                return GATE.getCount() == 0 && inner.ready();
            }

            @Override
            public Optional<TierAnswer> classify(String text) {
                return ready() ? inner.classify(text) : Optional.empty();
            }

            @Override
            public long memoryBytes() {
                return inner.memoryBytes();
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
