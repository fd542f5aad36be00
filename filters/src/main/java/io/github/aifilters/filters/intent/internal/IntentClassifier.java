package io.github.aifilters.filters.intent.internal;

import io.github.aifilters.core.llm.EngineSource;
import io.github.aifilters.core.exchange.Entity;
import io.github.aifilters.core.exchange.IntentResult;
import io.github.aifilters.core.intent.RankedIntent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The embedded intent model: TF-IDF features ({@link Vectorizer}), one-vs-rest linear SVMs
 * ({@link LinearSvmTrainer}), and a {@link Calibrator} turning the top decision value into the probability that the
 * top intent is right. Two out-of-scope checks then discount that probability: a text less similar to the top
 * intent's nearest training example ({@link IntentExemplars}) than nearly all held-out examples were is scaled by
 * {@code similarity / floor}; and when the held-out calibration saw fewer than
 * {@link IntentClassifierTrainer#FEW_ERRORS} errors (small intents files), a negative top score — no intent's own
 * classifier claims the text — scales it by {@code 1 + score / 0.5}. Below {@link #noneThreshold()} the answer is {@link IntentModel#NONE}, with confidence
 * {@code 1 - p} (the probability that no configured intent fits, as far as the model can tell).
 *
 * <p>Immutable and thread-safe; built by {@link IntentClassifierTrainer}. A reload builds a new instance and swaps it.
 */
public final class IntentClassifier implements IntentModel {

    /** A prediction without entities: the top intent (index and name), its probability, and the final answer. */
    public record Prediction(String topIntent, double topProbability, String intent, double confidence) {
    }

    /** A top score this far below 0 brings the confidence to 0; half of it halves the confidence. */
    static final double NEGATIVE_SCORE_SPAN = 0.5;

    private final List<String> labels;
    private final Set<String> labelSet;
    private final Vectorizer vectorizer;
    private final float[] weights;
    private final int dim;
    private final Calibrator calibrator;
    private final IntentExemplars exemplars;
    private final double similarityFloor;
    private final boolean discountNegative;
    private final double noneThreshold;
    private final EntityExtractor entities;
    private final Map<String, String> actions;
    private final Map<String, String> routes;
    private final TrainingReport report;

    IntentClassifier(List<String> labels, Vectorizer vectorizer, float[] weights, Calibrator calibrator,
                     IntentExemplars exemplars, double similarityFloor, boolean discountNegative,
                     double noneThreshold, EntityExtractor entities, Map<String, String> actions,
                     Map<String, String> routes, TrainingReport report) {
        this.labels = List.copyOf(labels);
        this.labelSet = Collections.unmodifiableSet(new LinkedHashSet<>(labels));
        this.vectorizer = vectorizer;
        this.weights = weights;
        this.dim = vectorizer.dimension();
        this.calibrator = calibrator;
        this.exemplars = exemplars;
        this.similarityFloor = similarityFloor;
        this.discountNegative = discountNegative;
        this.noneThreshold = noneThreshold;
        this.entities = entities;
        this.actions = Map.copyOf(actions);
        this.routes = Map.copyOf(routes);
        this.report = report;
    }

    @Override
    public Set<String> labels() {
        return labelSet;
    }

    @Override
    public String actionOf(String intent) {
        return intent == null ? null : actions.get(intent);
    }

    /** The route configured for an intent, or null. */
    public String routeOf(String intent) {
        return intent == null ? null : routes.get(intent);
    }

    /**
     * Cosine similarity to the top intent's nearest training example below which the confidence is scaled down in
     * proportion (a low quantile of the held-out examples' similarities).
     */
    public double similarityFloor() {
        return similarityFloor;
    }

    public double noneThreshold() {
        return noneThreshold;
    }

    public TrainingReport report() {
        return report;
    }

    @Override
    public IntentResult classify(String text) {
        return classify(text, 0, 0.0);
    }

    /**
     * The embedded answer with the {@code topK} best intents ranked ({@link IntentResult#ranked()}), flagged ambiguous
     * when the two best are less than {@code ambiguityMargin} apart. A ranked intent's score is its calibrated
     * probability scaled by the same out-of-scope discounts as the top one, so the ranking and the top score agree.
     */
    public IntentResult classify(String text, int topK, double ambiguityMargin) {
        long start = System.nanoTime();
        List<RankedIntent> ranked = topK > 0 ? new ArrayList<>(topK) : null;
        Prediction p = predict(text, topK, ranked);
        List<Entity> found = entities.extract(text);
        String action = p.intent().equals(NONE) ? null : actions.get(p.intent());
        return new IntentResult(p.intent(), p.confidence(), found, action, EngineSource.EMBEDDED,
                Duration.ofNanos(System.nanoTime() - start), ranked, IntentResult.isAmbiguous(ranked,
                ambiguityMargin));
    }

    /** Classification only (no entities). */
    public Prediction predict(String text) {
        return predict(text, 0, null);
    }

    private Prediction predict(String text, int topK, List<RankedIntent> ranked) {
        Vectorizer.Row row = vectorizer.vectorize(text);
        float[] s = scores(row);
        int k = labels.size();
        int best = 0;
        for (int i = 1; i < k; i++) {
            if (s[i] > s[best]) {
                best = i;
            }
        }
        double p = calibrator.probability(s[best]);
        if (discountNegative && s[best] < 0) {
            // no intent's own classifier claims the text (every one-vs-rest score is negative): with few examples
            // per intent the held-out calibration saw almost no errors and cannot have learnt that on its own
            p *= Math.max(0.0, 1.0 + s[best] / NEGATIVE_SCORE_SPAN);
        }
        if (exemplars != null) {
            // a text less like the intent's examples than nearly all held-out examples were is discounted in
            // proportion: the calibrated score alone is relative to the other intents, not to the examples
            double sim = exemplars.similarity(IntentExemplars.sorted(row), best, similarityFloor);
            if (sim < similarityFloor) {
                p *= sim / similarityFloor;
            }
        }
        String top = labels.get(best);
        if (ranked != null) {
            rank(s, topK, best, p, ranked);
        }
        return p >= noneThreshold ? new Prediction(top, p, top, p) : new Prediction(top, p, NONE, 1.0 - p);
    }

    private void rank(float[] s, int topK, int best, double topP, List<RankedIntent> out) {
        double raw = calibrator.probability(s[best]);
        double scale = raw > 0 ? topP / raw : 0; // the top intent's discounts, applied to every ranked one
        boolean[] taken = new boolean[s.length];
        int n = Math.min(topK, s.length);
        for (int r = 0; r < n; r++) {
            int b = -1;
            for (int i = 0; i < s.length; i++) {
                if (!taken[i] && (b < 0 || s[i] > s[b])) {
                    b = i;
                }
            }
            taken[b] = true;
            double score = b == best ? topP : Math.min(topP, calibrator.probability(s[b]) * scale);
            out.add(new RankedIntent(labels.get(b), score));
        }
    }

    float[] scores(Vectorizer.Row row) {
        int k = labels.size();
        float[] s = new float[k];
        System.arraycopy(weights, dim * k, s, 0, k);
        int[] cols = row.cols();
        float[] vals = row.vals();
        for (int p = 0; p < cols.length; p++) {
            int base = cols[p] * k;
            float v = vals[p];
            for (int i = 0; i < k; i++) {
                s[i] += v * weights[base + i];
            }
        }
        return s;
    }

    /**
     * Heap held by the model's arrays (weights, vocabulary table, idf), in bytes: an estimate from the array sizes
     * that leaves out object headers and the small maps.
     */
    public long estimatedBytes() {
        return weights.length * 4L + vectorizer.bytes() + (exemplars == null ? 0 : exemplars.bytes());
    }

    Vectorizer vectorizer() {
        return vectorizer;
    }

    public int dimension() {
        return dim;
    }

    /**
     * What training did: example count, held-out examples used for calibration and their accuracy, time.
     */
    public record TrainingReport(int examples, int intents, int features, int heldOut, double heldOutAccuracy,
                                 Duration trainingTime) {

        /** Examples per intent on average (0 without intents). */
        public double examplesPerIntent() {
            return intents == 0 ? 0 : (double) examples / intents;
        }
    }

    @Override
    public String toString() {
        return "IntentClassifier[intents=" + labels.size() + ", features=" + dim + ", " + report + "]";
    }
}
