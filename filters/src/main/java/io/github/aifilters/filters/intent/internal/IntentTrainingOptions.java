package io.github.aifilters.filters.intent.internal;

import java.time.Clock;

/**
 * Settings of the embedded intent classifier. The defaults are the only settings the benchmarks use, on every dataset:
 * they are meant to be left alone.
 *
 * @param charMinN shortest character n-gram (default 2)
 * @param charMaxN longest character n-gram (default 4)
 * @param minDf a feature must occur in at least this many examples (default 2; 1 when an intent has few examples,
 *              see {@link #effectiveMinDf})
 * @param c the SVM's cost parameter (default 2; each example vector has unit norm)
 * @param positiveWeight factor on {@code c} for an intent's own examples in its one-vs-rest SVM (default 2)
 * @param maxModelBytes the weight matrix (features x intents floats) stays under this: with many intents, rarer
 *                      features are dropped (default 48 MiB)
 * @param epsilon dual coordinate descent stopping tolerance (default 0.1, liblinear's)
 * @param maxEpochs cap on passes over the data (default 100)
 * @param calibrationFolds folds for the held-out calibration (default 5)
 * @param minHeldOut folds are trained until at least this many examples were held out (default 2000), so a large
 *                   set costs one extra (warm-starting) training and a small one is fully cross-validated
 * @param similarityQuantile quantile of the held-out examples' similarity to their intent's nearest training example
 *                           below which confidence is discounted in proportion (default 0.02: 98% of rightly
 *                           classified held-out examples are untouched)
 * @param noneThreshold below this calibrated confidence the answer is {@code none} (default 0.5: answer an intent only
 *                      when it is more likely right than wrong)
 * @param seed seed of every random choice (default 42)
 * @param clock clock against which relative dates are resolved (default: system UTC)
 */
public record IntentTrainingOptions(int charMinN, int charMaxN, int minDf, long maxModelBytes, double c,
                                    double positiveWeight, double epsilon, int maxEpochs,
                                    int calibrationFolds, int minHeldOut, double similarityQuantile,
                                    double noneThreshold, long seed,
                                    Clock clock) {

    public static final IntentTrainingOptions DEFAULTS = new IntentTrainingOptions(2, 4, 2, 48L << 20, 2.0, 2.0,
            0.1, 100, 5, 2000, 0.02, 0.5, 42L, Clock.systemUTC());


    public IntentTrainingOptions {
        if (charMinN < 1 || charMaxN < charMinN || charMaxN > 8) {
            throw new IllegalArgumentException("char n-gram range must satisfy 1 <= min <= max <= 8");
        }
        if (minDf < 1 || maxModelBytes < 1024 || c <= 0 || positiveWeight <= 0 || epsilon <= 0 || maxEpochs < 1
                || calibrationFolds < 2 || minHeldOut < 0) {
            throw new IllegalArgumentException("invalid intent training options");
        }
        if (similarityQuantile < 0 || similarityQuantile >= 1) {
            throw new IllegalArgumentException("similarityQuantile must be in [0,1)");
        }
        if (noneThreshold < 0 || noneThreshold > 1) {
            throw new IllegalArgumentException("noneThreshold must be in [0,1]");
        }
        if (clock == null) {
            clock = Clock.systemUTC();
        }
    }

    public IntentTrainingOptions withNoneThreshold(double threshold) {
        return new IntentTrainingOptions(charMinN, charMaxN, minDf, maxModelBytes, c, positiveWeight, epsilon,
                maxEpochs, calibrationFolds, minHeldOut, similarityQuantile, threshold, seed, clock);
    }

    public IntentTrainingOptions withClock(Clock newClock) {
        return new IntentTrainingOptions(charMinN, charMaxN, minDf, maxModelBytes, c, positiveWeight, epsilon,
                maxEpochs, calibrationFolds, minHeldOut, similarityQuantile, noneThreshold, seed, newClock);
    }

    /** A copy with another weight-matrix budget. */
    public IntentTrainingOptions withMaxModelBytes(long bytes) {
        return new IntentTrainingOptions(charMinN, charMaxN, minDf, bytes, c, positiveWeight, epsilon,
                maxEpochs, calibrationFolds, minHeldOut, similarityQuantile, noneThreshold, seed, clock);
    }

    /**
     * The document-frequency cut applied: features seen once are noise in a large set but much of the signal when
     * intents have only a handful of examples, so the cut applies only when the average intent has 20+ examples.
     */
    int effectiveMinDf(int examples, int intents) {
        return examples >= 20L * intents ? minDf : 1;
    }
}
