package io.github.aifilters.filters.intent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.intent.IntentTier;
import io.github.aifilters.core.intent.IntentTierProvider;
import io.github.aifilters.core.intent.LabelledExample;
import io.github.aifilters.core.intent.RankedIntent;
import io.github.aifilters.core.intent.TierAnswer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The runner's contract with a scripted tier: not trained → the caller is told at once; trained → its answer; a tier
 * that never answers → timeout (the caller moves on); the examples it trains on are the intents file's.
 */
class SemanticTierRunnerTest {

    /** A tier that becomes ready when the test says so, and answers (or hangs) as scripted. */
    static final class Scripted implements IntentTierProvider {
        final AtomicBoolean ready = new AtomicBoolean();
        final CountDownLatch hang = new CountDownLatch(1);
        volatile boolean hanging;
        final AtomicReference<List<LabelledExample>> trainedOn = new AtomicReference<>();

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public IntentTier create(List<LabelledExample> examples, Executor executor) {
            trainedOn.set(examples);
            return new IntentTier() {
                @Override
                public boolean ready() {
                    return ready.get();
                }

                @Override
                public Optional<TierAnswer> classify(String text) {
                    if (hanging) {
                        try {
                            hang.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return Optional.of(new TierAnswer(List.of(new RankedIntent("b", 0.8), new RankedIntent("a", 0.1)),
                            0.8, false));
                }

                @Override
                public long memoryBytes() {
                    return 1;
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private static IntentsDefinition definition() {
        return new IntentsDefinition(List.of(new IntentDefinition("a", List.of("one", "two"), null, null),
                new IntentDefinition("b", List.of("three"), null, null)), Map.of());
    }

    @Test
    void notReadyThenAnswersThenTimesOutWithoutHoldingTheCaller() {
        Scripted scripted = new Scripted();
        try (SemanticTierRunner runner = new SemanticTierRunner(scripted, Duration.ofMillis(50))) {
            assertThat(runner.ask("x").outcome()).isEqualTo(SemanticTierRunner.Outcome.NOT_READY);
            IntentsDefinition def = definition();
            runner.trainFor(def);
            runner.trainFor(def); // the same file again: no second training
            assertThat(scripted.trainedOn.get()).containsExactly(new LabelledExample("one", "a"),
                    new LabelledExample("two", "a"), new LabelledExample("three", "b"));
            assertThat(runner.ready()).isFalse();
            assertThat(runner.ask("x").outcome()).isEqualTo(SemanticTierRunner.Outcome.NOT_READY);

            scripted.ready.set(true);
            SemanticTierRunner.Attempt a = runner.ask("x");
            assertThat(a.outcome()).isEqualTo(SemanticTierRunner.Outcome.ANSWERED);
            assertThat(a.answer().orElseThrow().topIntent()).isEqualTo("b");

            scripted.hanging = true;
            assertThat(runner.ask("x").outcome()).isEqualTo(SemanticTierRunner.Outcome.TIMEOUT);
            scripted.hang.countDown();
        }
    }
}
