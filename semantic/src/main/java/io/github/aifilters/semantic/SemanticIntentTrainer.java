package io.github.aifilters.semantic;

import io.github.aifilters.semantic.internal.Head;
import io.github.aifilters.semantic.internal.IntentNames;
import io.github.aifilters.semantic.internal.LexicalFeatures;
import io.github.aifilters.semantic.internal.LogisticHead;
import io.github.aifilters.semantic.internal.PrototypeHead;
import io.github.aifilters.semantic.internal.SparseVector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Builds {@link SemanticIntentModel}s from labelled examples with one encoder and one set of options. */
public final class SemanticIntentTrainer {

    /** k of the {@link SemanticOptions.Head#KNN} head: the mean of an intent's 3 closest examples. */
    private static final int KNN_K = 3;

    private final SentenceEncoder encoder;
    private final SemanticOptions options;

    public SemanticIntentTrainer(SentenceEncoder encoder, SemanticOptions options) {
        this.encoder = encoder;
        this.options = options;
    }

    public SemanticIntentModel train(List<LabeledText> examples) {
        List<String> texts = new ArrayList<>(examples.size());
        for (LabeledText e : examples) {
            texts.add(e.text());
        }
        return trainOnVectors(examples, encoder.embedAll(texts));
    }

    /** Trains on {@code executor}; the encodings still respect the encoder's concurrency bound. */
    public CompletableFuture<SemanticIntentModel> trainAsync(List<LabeledText> examples, Executor executor) {
        List<LabeledText> copy = List.copyOf(examples);
        return CompletableFuture.supplyAsync(() -> train(copy), executor);
    }

    /**
     * Trains on vectors the caller already encoded with this trainer's encoder ({@code vectors.get(i)} is the
     * vector of {@code examples.get(i)}): cross-validation encodes a data set once and trains many times.
     */
    public SemanticIntentModel trainOnVectors(List<LabeledText> examples, List<float[]> vectors) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        if (vectors.size() != examples.size()) {
            throw new IllegalArgumentException("one vector per example expected");
        }
        if (options.intentNameExamples()) {
            List<LabeledText> named = IntentNames.withNameExamples(examples);
            if (named.size() > examples.size()) {
                List<String> names = new ArrayList<>(named.size() - examples.size());
                for (LabeledText extra : named.subList(examples.size(), named.size())) {
                    names.add(extra.text());
                }
                List<float[]> namedVectors = new ArrayList<>(vectors);
                namedVectors.addAll(encoder.embedAll(names));
                return fit(named, namedVectors, examples.size());
            }
        }
        return fit(examples, vectors, examples.size());
    }

    private SemanticIntentModel fit(List<LabeledText> examples, List<float[]> vectors, int givenExamples) {
        Map<String, Integer> index = new LinkedHashMap<>();
        int[] y = new int[examples.size()];
        float[][] x = new float[examples.size()][];
        for (int i = 0; i < y.length; i++) {
            y[i] = index.computeIfAbsent(examples.get(i).intent(), k -> index.size());
            x[i] = vectors.get(i);
        }
        int classes = index.size();
        LexicalFeatures lexical = new LexicalFeatures(options.lexicalBuckets(),
                options.head() == SemanticOptions.Head.LOGISTIC ? options.lexicalWeight() : 0.0);
        Head head = switch (options.head()) {
            case CENTROID -> PrototypeHead.centroids(x, y, classes);
            case KNN -> PrototypeHead.neighbours(x, y, classes, KNN_K);
            case LOGISTIC -> {
                SparseVector[] lex = new SparseVector[x.length];
                for (int i = 0; i < lex.length; i++) {
                    lex[i] = lexical.features(examples.get(i).text());
                }
                yield LogisticHead.train(x, lex, y, classes, options.lexicalBuckets(), options.lexicalWeight() > 0,
                        options.epochs(), options.learningRate(), options.l2(), options.seed());
            }
        };
        return new SemanticIntentModel(encoder, new ArrayList<>(index.keySet()), head, lexical,
                options.outOfScopeThreshold(), options.topK(), givenExamples);
    }
}
