package io.github.aifilters.semantic.internal;

import java.util.Random;

/**
 * Multinomial logistic regression over [sentence vector ; hashed lexical features], trained by AdaGrad on the
 * softmax cross-entropy. AdaGrad because the lexical half is sparse: its per-weight steps stay large for rare
 * features and the update of an example touches only its own features. The L2 penalty is applied to the weights an
 * example touches (the usual lazy approximation), which is what keeps rare features from over-fitting few examples.
 */
public final class LogisticHead implements Head {

    /** Gradients below this size are skipped (their L2 shrink too: lazily, as for unseen sparse features). */
    static final float SKIP = 1e-3f;

    private final int classes;
    private final int dense;
    private final float[][] denseW;
    private final float[][] sparseW;
    private final float[] bias;

    private LogisticHead(float[][] denseW, float[][] sparseW, float[] bias) {
        this.classes = bias.length;
        this.dense = denseW[0].length;
        this.denseW = denseW;
        this.sparseW = sparseW;
        this.bias = bias;
    }

    public static LogisticHead train(float[][] x, SparseVector[] lex, int[] y, int classes, int buckets,
                                     boolean useLexical, int epochs, double lr, double l2, long seed) {
        int d = x[0].length;
        float[][] w = new float[classes][d];
        float[][] gw = new float[classes][d];
        float[][] sw = useLexical ? new float[classes][buckets] : null;
        float[][] gsw = useLexical ? new float[classes][buckets] : null;
        float[] b = new float[classes];
        float[] gb = new float[classes];
        LogisticHead head = new LogisticHead(w, sw, b);
        int[] order = new int[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random rnd = new Random(seed);
        double[] p = new double[classes];
        final float eps = 1e-8f;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int n : order) {
                head.scoresInto(x[n], lex[n], p);
                softmaxInPlace(p);
                float[] xn = x[n];
                for (int c = 0; c < classes; c++) {
                    float g = (float) (p[c] - (c == y[n] ? 1 : 0));
                    if (Math.abs(g) < SKIP) {
                        // a class the example does not confuse: its step would be ~0, and skipping it makes an
                        // epoch cost O(confusable classes) instead of O(all classes) once the model is trained
                        continue;
                    }
                    float[] wc = w[c];
                    float[] gc = gw[c];
                    for (int k = 0; k < d; k++) {
                        float gk = g * xn[k] + (float) l2 * wc[k];
                        gc[k] += gk * gk;
                        wc[k] -= (float) lr * gk / ((float) Math.sqrt(gc[k]) + eps);
                    }
                    gb[c] += g * g;
                    b[c] -= (float) lr * g / ((float) Math.sqrt(gb[c]) + eps);
                    if (sw != null) {
                        float[] sc = sw[c];
                        float[] gsc = gsw[c];
                        int[] idx = lex[n].indexes();
                        float[] val = lex[n].values();
                        for (int k = 0; k < idx.length; k++) {
                            int f = idx[k];
                            float gk = g * val[k] + (float) l2 * sc[f];
                            gsc[f] += gk * gk;
                            sc[f] -= (float) lr * gk / ((float) Math.sqrt(gsc[f]) + eps);
                        }
                    }
                }
            }
        }
        return head;
    }

    private void scoresInto(float[] v, SparseVector lex, double[] out) {
        for (int c = 0; c < classes; c++) {
            float[] wc = denseW[c];
            double s = bias[c];
            for (int k = 0; k < dense; k++) {
                s += wc[k] * v[k];
            }
            if (sparseW != null) {
                float[] sc = sparseW[c];
                int[] idx = lex.indexes();
                float[] val = lex.values();
                for (int k = 0; k < idx.length; k++) {
                    s += sc[idx[k]] * val[k];
                }
            }
            out[c] = s;
        }
    }

    static void softmaxInPlace(double[] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.exp(s[i] - max);
            sum += s[i];
        }
        for (int i = 0; i < s.length; i++) {
            s[i] /= sum;
        }
    }

    @Override
    public double[] probabilities(float[] vector, SparseVector lexical) {
        double[] p = new double[classes];
        scoresInto(vector, lexical, p);
        softmaxInPlace(p);
        return p;
    }

    @Override
    public long memoryBytes() {
        long n = (long) classes * dense + classes;
        if (sparseW != null) {
            n += (long) classes * sparseW[0].length;
        }
        return n * Float.BYTES;
    }
}
