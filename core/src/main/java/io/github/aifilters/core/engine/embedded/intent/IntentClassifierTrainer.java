package io.github.aifilters.core.engine.embedded.intent;

import java.time.Duration;
import java.util.ArrayList;
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
 *       large set, all folds for a small one), and a {@link Calibrator} is fitted on those held-out predictions;</li>
 *   <li>the final model on every example, warm-started from the last fold's dual variables (most of the work was
 *       already done, so the final training costs a few passes).</li>
 * </ol>
 * Deterministic: same definition, same options, same model, bit for bit. Single-threaded.
 */
public final class IntentClassifierTrainer {

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
            IntentClassifier scorer = new IntentClassifier(labels, vectorizer, t.weights(), Calibrator.UNCALIBRATED,
                    0, EntityExtractor.builtInOnly(options.clock()), Map.of(), Map.of(), null);
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    float[] s = scorer.scores(rows[i]);
                    int best = argmax(s);
                    top[heldOut] = s[best];
                    correct[heldOut] = best == y[i];
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

        // --- final model ------------------------------------------------------------------------------------
        LinearSvmTrainer.Trained fin = svm.train(rows, y, classes, dim, warm);
        IntentClassifier.TrainingReport report = new IntentClassifier.TrainingReport(n, classes, dim, heldOut,
                heldOut == 0 ? Double.NaN : heldOutRight / (double) heldOut,
                Duration.ofNanos(System.nanoTime() - start));
        return new IntentClassifier(labels, vectorizer.compact(), fin.weights(), calibrator,
                options.noneThreshold(), new EntityExtractor(definition.entities(), options.clock()), actions, routes,
                report);
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
