package io.github.aifilters.filters.intent.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains an {@link IntentClassifier} from an intents definition:
 * <ol>
 *   <li>features of every example ({@link TextFeaturizer}) and the TF-IDF vocabulary ({@link Vectorizer});</li>
 *   <li>calibration: the examples are split into stratified folds (seeded); models are trained without one fold at a
 *       time until at least {@link IntentTrainingOptions#minHeldOut()} examples were scored unseen (one fold for a
 *       large set, all folds for a small one), and a {@link Calibrator} is fitted on those held-out predictions;
 *       the same held-out examples' similarities to their predicted intent's nearest example (from the fold's
 *       training part) give the similarity floor (a low quantile) of the out-of-scope check;</li>
 *   <li>the final model on every example, warm-started from the last fold's dual variables (most of the work was
 *       already done, so the final training costs a few passes).</li>
 * </ol>
 * Deterministic: same definition, same options, same model, bit for bit. Single-threaded.
 */
public final class IntentClassifierTrainer {

    /**
     * Below this many held-out errors the calibration has too little evidence of where confidence should fall, and
     * the classifier also discounts texts no intent's classifier claims (see {@link IntentClassifier}).
     */
    static final int FEW_ERRORS = 30;

    private static final float BLOCK_WEIGHT = (float) Math.sqrt(0.5);

    private final IntentTrainingOptions options;

    public IntentClassifierTrainer(IntentTrainingOptions options) {
        this.options = options;
    }

    public IntentClassifierTrainer() {
        this(IntentTrainingOptions.DEFAULTS);
    }

    public IntentClassifier train(IntentsDefinition definition) {
        long start = System.nanoTime();
        List<String> labels = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        Map<String, String> actions = new LinkedHashMap<>();
        Map<String, String> routes = new LinkedHashMap<>();
        for (IntentDefinition intent : definition.intents()) {
            int k = labels.size();
            labels.add(intent.name());
            for (String e : intent.examples()) {
                texts.add(e);
                ys.add(k);
            }
            if (intent.action() != null) {
                actions.put(intent.name(), intent.action());
            }
            if (intent.route() != null) {
                routes.put(intent.name(), intent.route());
            }
        }
        int n = texts.size();
        int classes = labels.size();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = ys.get(i);
        }

        TextFeaturizer featurizer = new TextFeaturizer(options.charMinN(), options.charMaxN());
        List<TextFeaturizer.Features> docs = new ArrayList<>(n);
        for (String t : texts) {
            docs.add(featurizer.extract(t));
        }
        int maxFeatures = (int) Math.min(Integer.MAX_VALUE, options.maxModelBytes() / (4L * (classes + 1)));
        Vectorizer vectorizer = Vectorizer.fit(featurizer, docs, options.effectiveMinDf(n, classes), maxFeatures,
                BLOCK_WEIGHT, BLOCK_WEIGHT);
        Vectorizer.Row[] rows = new Vectorizer.Row[n];
        for (int i = 0; i < n; i++) {
            rows[i] = vectorizer.vectorize(docs.get(i));
        }
        docs = null; // the hashes are no longer needed; let them go before the weight matrices grow
        int dim = vectorizer.dimension();
        LinearSvmTrainer svm = new LinearSvmTrainer(options.c(), options.positiveWeight(), options.epsilon(),
                options.maxEpochs(), options.seed());

        // --- held-out calibration ---------------------------------------------------------------------------
        int folds = options.calibrationFolds();
        int[] fold = stratifiedFolds(y, classes, folds, options.seed());
        int target = Math.min(n, options.minHeldOut());
        float[] top = new float[n];
        boolean[] correct = new boolean[n];
        double[] similarity = new double[n];
        int heldOut = 0;
        int heldOutRight = 0;
        float[] warm = null; // dual variables indexed by example, 0 for those outside the last training set
        for (int f = 0; f < folds && heldOut < target; f++) {
            int trainCount = 0;
            for (int i = 0; i < n; i++) {
                trainCount += fold[i] != f ? 1 : 0;
            }
            if (trainCount == 0 || trainCount == n) {
                continue;
            }
            Vectorizer.Row[] sub = new Vectorizer.Row[trainCount];
            int[] subY = new int[trainCount];
            int[] subIndex = new int[trainCount];
            float[] subWarm = warm == null ? null : new float[trainCount * classes];
            for (int i = 0, j = 0; i < n; i++) {
                if (fold[i] != f) {
                    sub[j] = rows[i];
                    subY[j] = y[i];
                    subIndex[j] = i;
                    if (subWarm != null) {
                        System.arraycopy(warm, i * classes, subWarm, j * classes, classes);
                    }
                    j++;
                }
            }
            LinearSvmTrainer.Trained t = svm.train(sub, subY, classes, dim, subWarm);
            IntentExemplars foldExemplars = IntentExemplars.of(sub, subY, classes);
            IntentClassifier scorer = new IntentClassifier(labels, vectorizer, t.weights(), Calibrator.UNCALIBRATED,
                    null, 0, false, 0, EntityExtractor.builtInOnly(options.clock()), Map.of(), Map.of(), null);
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    float[] s = scorer.scores(rows[i]);
                    int best = argmax(s);
                    top[heldOut] = s[best];
                    correct[heldOut] = best == y[i];
                    similarity[heldOut] = foldExemplars.similarity(IntentExemplars.sorted(rows[i]), best);
                    heldOutRight += correct[heldOut] ? 1 : 0;
                    heldOut++;
                }
            }
            warm = new float[n * classes];
            for (int j = 0; j < trainCount; j++) {
                System.arraycopy(t.alpha(), j * classes, warm, subIndex[j] * classes, classes);
            }
        }
        Calibrator calibrator = Calibrator.fit(top, correct, heldOut);
        double similarityFloor = similarityFloor(similarity, correct, heldOut, options.similarityQuantile());

        // --- final model ------------------------------------------------------------------------------------
        LinearSvmTrainer.Trained fin = svm.train(rows, y, classes, dim, warm);
        IntentClassifier.TrainingReport report = new IntentClassifier.TrainingReport(n, classes, dim, heldOut,
                heldOut == 0 ? Double.NaN : heldOutRight / (double) heldOut,
                Duration.ofNanos(System.nanoTime() - start));
        return new IntentClassifier(labels, vectorizer.compact(), fin.weights(), calibrator,
                IntentExemplars.of(rows, y, classes), similarityFloor, heldOut - heldOutRight < FEW_ERRORS,
                options.noneThreshold(), new EntityExtractor(definition.entities(), options.clock()), actions, routes,
                report);
    }

    /**
     * The {@code quantile} of the held-out, rightly classified examples' similarities to their intent's centroid:
     * nearly every genuine request resembles its intent at least this much. Without held-out examples, 0 (no
     * discount).
     */
    static double similarityFloor(double[] similarity, boolean[] correct, int n, double quantile) {
        double[] ok = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (correct[i]) {
                ok[m++] = similarity[i];
            }
        }
        if (m == 0 || quantile <= 0) {
            return 0;
        }
        Arrays.sort(ok, 0, m);
        return ok[Math.min(m - 1, (int) Math.floor(quantile * m))];
    }

    private static int argmax(float[] s) {
        int best = 0;
        for (int k = 1; k < s.length; k++) {
            if (s[k] > s[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Fold of each example: within each intent, examples in a seeded random order are dealt round-robin. */
    private static int[] stratifiedFolds(int[] y, int classes, int folds, long seed) {
        int n = y.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed ^ 0x5851F42D4C957F2DL);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] next = new int[classes];
        int[] fold = new int[n];
        for (int i : order) {
            fold[i] = next[y[i]]++ % folds;
        }
        return fold;
    }
}
