package io.github.aifilters.semantic;

import io.github.aifilters.core.intent.IntentTier;
import io.github.aifilters.core.intent.IntentTierProvider;
import io.github.aifilters.core.intent.LabelledExample;
import io.github.aifilters.core.intent.RankedIntent;
import io.github.aifilters.core.intent.TierAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The semantic intent tier, found by the intent filter through {@code ServiceLoader}: loads the encoder of
 * {@link EncoderOptions#DEFAULTS} (the quantised bge-small-en-v1.5) and trains a {@link SemanticIntentModel} with {@link SemanticOptions#DEFAULTS}, both on
 * the executor it is given, so the filter's start-up does not wait for either.
 */
public final class SemanticIntentTierProvider implements IntentTierProvider {

    private static final Logger LOG = LoggerFactory.getLogger(SemanticIntentTierProvider.class);

    /** For {@code ServiceLoader}. */
    public SemanticIntentTierProvider() {
    }

    @Override
    public String name() {
        return "semantic";
    }

    @Override
    public IntentTier create(List<LabelledExample> examples, Executor executor) {
        Tier tier = new Tier();
        List<LabeledText> texts = new ArrayList<>(examples.size());
        for (LabelledExample e : examples) {
            texts.add(new LabeledText(e.text(), e.intent()));
        }
        executor.execute(() -> tier.train(texts));
        return tier;
    }

    /** Wraps a trained model as an {@link IntentTier}; {@link #of} is for callers that trained one themselves. */
    public static IntentTier of(SemanticIntentModel model) {
        Tier t = new Tier();
        t.model = model;
        return t;
    }

    private static final class Tier implements IntentTier {
        private volatile SemanticIntentModel model;
        private volatile SentenceEncoder encoder;
        private final AtomicBoolean closed = new AtomicBoolean();

        void train(List<LabeledText> examples) {
            long start = System.nanoTime();
            try {
                SentenceEncoder e = SentenceEncoders.load(EncoderOptions.DEFAULTS);
                encoder = e;
                if (closed.get()) {
                    e.close();
                    return;
                }
                SemanticIntentModel m = SemanticIntentModel.train(examples, SemanticOptions.DEFAULTS, e);
                if (closed.get()) {
                    e.close();
                    return;
                }
                model = m;
                LOG.info("semantic intent tier ready: {} intents, {} examples, trained in {} ms", m.intents().size(),
                        m.trainingExamples(), (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException | LinkageError e) {
                // the lexical tier keeps serving: a missing native library or a broken model is logged, not fatal
                LOG.warn("semantic intent tier not available, the lexical tier answers alone: {}", e.toString());
            }
        }

        @Override
        public boolean ready() {
            return model != null && !closed.get();
        }

        @Override
        public Optional<TierAnswer> classify(String text) {
            SemanticIntentModel m = model;
            if (m == null || closed.get()) {
                return Optional.empty();
            }
            SemanticPrediction p = m.classify(text);
            List<RankedIntent> ranked = new ArrayList<>(p.ranked().size());
            for (ScoredIntent s : p.ranked()) {
                ranked.add(new RankedIntent(s.intent(), s.score()));
            }
            return Optional.of(new TierAnswer(ranked, p.confidence(), p.outOfScope()));
        }

        @Override
        public long memoryBytes() {
            SemanticIntentModel m = model;
            return m == null ? 0 : m.memoryBytes();
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                SentenceEncoder e = encoder;
                if (e != null) {
                    e.close();
                }
            }
        }
    }
}
