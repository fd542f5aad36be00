package io.github.aifilters.semantic;

import io.github.aifilters.semantic.internal.Head;
import io.github.aifilters.semantic.internal.LexicalFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A trained intent classifier over sentence vectors. Immutable and thread-safe; the CPU cost of
 * {@link #classify(String)} is one encoding (bounded by the encoder) plus a few hundred thousand multiply-adds.
 */
public final class SemanticIntentModel {

    private final SentenceEncoder encoder;
    private final List<String> intents;
    private final Head head;
    private final LexicalFeatures lexical;
    private final double threshold;
    private final int topK;
    private final int examples;

    SemanticIntentModel(SentenceEncoder encoder, List<String> intents, Head head, LexicalFeatures lexical,
                        double threshold, int topK, int examples) {
        this.encoder = encoder;
        this.intents = List.copyOf(intents);
        this.head = head;
        this.lexical = lexical;
        this.threshold = threshold;
        this.topK = topK;
        this.examples = examples;
    }

    /** Trains on the calling thread: encodes every example (in parallel up to the encoder's bound) then fits. */
    public static SemanticIntentModel train(List<LabeledText> examples, SemanticOptions options,
                                            SentenceEncoder encoder) {
        return new SemanticIntentTrainer(encoder, options).train(examples);
    }

    /** {@link #train} on {@code executor}, for a start-up that must not wait for the model. */
    public static CompletableFuture<SemanticIntentModel> trainAsync(List<LabeledText> examples,
                                                                    SemanticOptions options,
                                                                    SentenceEncoder encoder, Executor executor) {
        return new SemanticIntentTrainer(encoder, options).trainAsync(examples, executor);
    }

    public SemanticPrediction classify(String text) {
        return classifyVector(text, encoder.embed(text));
    }

    /**
     * Classifies a sentence whose vector the caller already has (from the same encoder), e.g. to encode once and
     * use the vector for several purposes.
     */
    public SemanticPrediction classifyVector(String text, float[] vector) {
        double[] p = head.probabilities(vector, lexical.features(text));
        int k = Math.min(topK, p.length);
        List<ScoredIntent> ranked = new ArrayList<>(k);
        boolean[] taken = new boolean[p.length];
        for (int r = 0; r < k; r++) {
            int best = -1;
            for (int c = 0; c < p.length; c++) {
                if (!taken[c] && (best < 0 || p[c] > p[best])) {
                    best = c;
                }
            }
            taken[best] = true;
            ranked.add(new ScoredIntent(intents.get(best), p[best]));
        }
        double confidence = ranked.isEmpty() ? 0 : ranked.get(0).score();
        return new SemanticPrediction(ranked, confidence, confidence < threshold);
    }

    /** The same model with another out-of-scope threshold (nothing is retrained). */
    public SemanticIntentModel withOutOfScopeThreshold(double t) {
        return new SemanticIntentModel(encoder, intents, head, lexical, t, topK, examples);
    }

    public double outOfScopeThreshold() {
        return threshold;
    }

    /** The intents, in order of first appearance in the training examples. */
    public List<String> intents() {
        return intents;
    }

    public int trainingExamples() {
        return examples;
    }

    /** Bytes of the classifier's stored vectors and weights (the encoder's 23–34 MB model is not counted). */
    public long memoryBytes() {
        return head.memoryBytes();
    }

    public SentenceEncoder encoder() {
        return encoder;
    }
}
