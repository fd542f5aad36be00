package io.github.aifilters.filters.intent.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One-vs-rest L2-regularised, L2-loss (squared hinge) linear SVMs trained by dual coordinate descent with shrinking
 * (Hsieh et al., ICML 2008; the algorithm of liblinear's {@code -s 1}). A bias feature of value 1 is appended and
 * regularised, as liblinear and scikit-learn's LinearSVC do.
 *
 * <p>Classes are trained one after the other on a dense weight vector small enough to stay in cache; shrinking drops
 * the examples far on the right side of the margin (most negatives, after two passes) from later passes. The result is
 * transposed to the feature-major layout the classifier scores with.
 *
 * <p>Deterministic: examples are visited in an order drawn from a fixed seed per class. A warm start (dual variables of
 * a model trained on a subset) makes the final training after calibration cheap.
 */
final class LinearSvmTrainer {

    /** Trained weights {@code w[col * classes + k]} (biases at {@code dim * classes}) and dual variables. */
    record Trained(float[] weights, float[] alpha) {
    }

    private final double c;
    private final double positiveWeight;
    private final double eps;
    private final int maxIterations;
    private final long seed;

    /**
     * @param c cost of a margin violation
     * @param positiveWeight multiplies {@code c} for the examples of the class being trained: one class against all
     *                       others is a heavily unbalanced problem, and weighting the few positives up ranks the right
     *                       class first more often
     */
    LinearSvmTrainer(double c, double positiveWeight, double eps, int maxIterations, long seed) {
        this.c = c;
        this.positiveWeight = positiveWeight;
        this.eps = eps;
        this.maxIterations = maxIterations;
        this.seed = seed;
    }

    /**
     * @param x rows (bias not included)
     * @param y class index of each row
     * @param classes number of classes
     * @param dim feature dimension (columns in [0, dim))
     * @param warmAlpha dual variables {@code alpha[i * classes + k]} to start from, or null to start from 0
     */
    Trained train(Vectorizer.Row[] x, int[] y, int classes, int dim, float[] warmAlpha) {
        int n = x.length;
        float[] out = new float[(dim + 1) * classes];
        float[] alphaOut = new float[n * classes];
        double diagPos = 0.5 / (c * positiveWeight);
        double diagNeg = 0.5 / c;
        double[] qd = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 1.0; // the bias feature's square
            for (float f : x[i].vals()) {
                s += (double) f * f;
            }
            qd[i] = s;
        }
        float[] w = new float[dim + 1];
        double[] alpha = new double[n];
        int[] index = new int[n];
        byte[] sign = new byte[n];
        for (int k = 0; k < classes; k++) {
            Arrays.fill(w, 0f);
            for (int i = 0; i < n; i++) {
                sign[i] = (byte) (y[i] == k ? 1 : -1);
                alpha[i] = warmAlpha == null ? 0.0 : warmAlpha[i * classes + k];
                if (alpha[i] != 0) {
                    axpy(w, (float) (alpha[i] * sign[i]), x[i], dim);
                }
            }
            solve(x, sign, qd, diagPos, diagNeg, w, alpha, index, new SplittableRandom(seed * 31 + k), dim);
            for (int col = 0; col < dim; col++) {
                out[col * classes + k] = w[col];
            }
            out[dim * classes + k] = w[dim];
            for (int i = 0; i < n; i++) {
                alphaOut[i * classes + k] = (float) alpha[i];
            }
        }
        return new Trained(out, alphaOut);
    }

    /**
     * Sparse dot product with four independent accumulators: a single running sum makes every addition wait for the
     * previous one (floating-point addition is not reassociated by the JIT), which bounds the loop by add latency.
     */
    static float dot(float[] w, int[] cols, float[] vals) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int n = cols.length;
        int p = 0;
        for (; p + 3 < n; p += 4) {
            s0 += w[cols[p]] * vals[p];
            s1 += w[cols[p + 1]] * vals[p + 1];
            s2 += w[cols[p + 2]] * vals[p + 2];
            s3 += w[cols[p + 3]] * vals[p + 3];
        }
        for (; p < n; p++) {
            s0 += w[cols[p]] * vals[p];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static void axpy(float[] w, float d, Vectorizer.Row row, int biasCol) {
        int[] cols = row.cols();
        float[] vals = row.vals();
        for (int p = 0; p < cols.length; p++) {
            w[cols[p]] += d * vals[p];
        }
        w[biasCol] += d;
    }

    private void solve(Vectorizer.Row[] x, byte[] sign, double[] qd, double diagPos, double diagNeg, float[] w,
                       double[] alpha,
                       int[] index, SplittableRandom random, int biasCol) {
        int n = x.length;
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        int active = n;
        boolean warm = false;
        for (int i = 0; i < n && !warm; i++) {
            warm = alpha[i] != 0;
        }
        // Shrinking threshold: an example at alpha = 0 whose gradient exceeds it is dropped from the following passes.
        // Cold, every gradient starts at -1 and nothing can be dropped in the first pass; warm-started, the examples
        // already outside the margin can be dropped at once.
        double pgMaxOld = warm ? 0 : Double.POSITIVE_INFINITY;
        boolean verifying = false;
        for (int iter = 0; iter < maxIterations; iter++) {
            double pgMaxNew = Double.NEGATIVE_INFINITY;
            double pgMinNew = Double.POSITIVE_INFINITY;
            for (int s = 0; s < active - 1; s++) {
                int j = s + random.nextInt(active - s);
                int t = index[s];
                index[s] = index[j];
                index[j] = t;
            }
            for (int s = 0; s < active; s++) {
                int i = index[s];
                int yi = sign[i];
                int[] cols = x[i].cols();
                float[] vals = x[i].vals();
                float dot = w[biasCol] + dot(w, cols, vals);
                double diag = yi > 0 ? diagPos : diagNeg;
                double g = yi * dot - 1 + alpha[i] * diag;
                double pg = 0;
                if (alpha[i] == 0) {
                    if (g > pgMaxOld) {
                        // far on the right side: drop from the following passes (shrinking). Its projected
                        // gradient is 0, which the range below includes, so a verifying pass stays exact.
                        active--;
                        index[s] = index[active];
                        index[active] = i;
                        s--;
                        pgMaxNew = Math.max(pgMaxNew, 0);
                        pgMinNew = Math.min(pgMinNew, 0);
                        continue;
                    } else if (g < 0) {
                        pg = g;
                    }
                } else {
                    pg = g;
                }
                pgMaxNew = Math.max(pgMaxNew, pg);
                pgMinNew = Math.min(pgMinNew, pg);
                if (Math.abs(pg) > 1e-12) {
                    double old = alpha[i];
                    alpha[i] = Math.max(old - g / (qd[i] + diag), 0);
                    float d = (float) ((alpha[i] - old) * yi);
                    for (int p = 0; p < cols.length; p++) {
                        w[cols[p]] += d * vals[p];
                    }
                    w[biasCol] += d;
                }
            }
            if (pgMaxNew - pgMinNew <= eps) {
                if (active == n || verifying) {
                    return; // every example was looked at in this pass
                }
                // converged on the active set: check once more on every example (shrinking again as it goes, unlike
                // liblinear, which re-checks without shrinking and so pays one more full pass after each check)
                active = n;
                verifying = true;
                continue;
            }
            verifying = false;
            // liblinear keeps every example while no gradient is positive (the first passes, when nearly every
            // negative is outside the margin); shrinking those at once instead is safe — the final check on every
            // example above re-activates any that should not have been — and saves most of the early passes.
            pgMaxOld = Math.max(pgMaxNew, 0);
        }
    }
}
