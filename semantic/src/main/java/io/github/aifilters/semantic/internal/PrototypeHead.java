package io.github.aifilters.semantic.internal;

/**
 * Cosine similarity to stored prototypes — either one mean vector per intent (nearest centroid) or every example
 * (k nearest neighbours) — turned into probabilities by a softmax with a fixed temperature, so the confidence is
 * comparable with the logistic head's.
 */
public final class PrototypeHead implements Head {

    /** cosine similarities of MiniLM sentences span ~0.2–0.9: a scale of 20 makes the softmax decisive. */
    static final double SCALE = 20.0;

    private final float[][] prototypes;
    private final int[] labels;
    private final int classes;
    private final int k;

    private PrototypeHead(float[][] prototypes, int[] labels, int classes, int k) {
        this.prototypes = prototypes;
        this.labels = labels;
        this.classes = classes;
        this.k = k;
    }

    public static PrototypeHead centroids(float[][] x, int[] y, int classes) {
        int d = x[0].length;
        float[][] c = new float[classes][d];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
                c[y[i]][j] += x[i][j];
            }
        }
        int[] labels = new int[classes];
        for (int i = 0; i < classes; i++) {
            c[i] = CachingBoundedEncoder.normalise(c[i]);
            labels[i] = i;
        }
        return new PrototypeHead(c, labels, classes, 1);
    }

    public static PrototypeHead neighbours(float[][] x, int[] y, int classes, int k) {
        return new PrototypeHead(x.clone(), y.clone(), classes, k);
    }

    @Override
    public double[] probabilities(float[] v, SparseVector lexical) {
        double[] best = new double[classes];
        java.util.Arrays.fill(best, -1);
        if (k == 1) {
            for (int i = 0; i < prototypes.length; i++) {
                double s = dot(prototypes[i], v);
                best[labels[i]] = Math.max(best[labels[i]], s);
            }
        } else {
            // per intent: the mean of its k most similar examples (ties few-shot intents to their best examples)
            double[][] top = new double[classes][k];
            for (double[] t : top) {
                java.util.Arrays.fill(t, -1);
            }
            for (int i = 0; i < prototypes.length; i++) {
                double s = dot(prototypes[i], v);
                double[] t = top[labels[i]];
                int m = 0;
                for (int j = 1; j < k; j++) {
                    if (t[j] < t[m]) {
                        m = j;
                    }
                }
                if (s > t[m]) {
                    t[m] = s;
                }
            }
            for (int c = 0; c < classes; c++) {
                double sum = 0;
                int n = 0;
                for (double s : top[c]) {
                    if (s > -1) {
                        sum += s;
                        n++;
                    }
                }
                best[c] = n == 0 ? -1 : sum / n;
            }
        }
        for (int c = 0; c < classes; c++) {
            best[c] *= SCALE;
        }
        LogisticHead.softmaxInPlace(best);
        return best;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Override
    public long memoryBytes() {
        return (long) prototypes.length * prototypes[0].length * Float.BYTES + (long) labels.length * Integer.BYTES;
    }
}
