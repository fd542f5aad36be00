package io.github.aifilters.core.engine.embedded.intent;

/**
 * Platt scaling of the top decision value: {@code P(top intent is right) = sigmoid(a * top + b * (top - second) + c)},
 * fitted by Newton's method on held-out predictions (examples the scoring model was not trained on). The targets are
 * Platt's smoothed ones ({@code (N+ + 1)/(N+ + 2)} and {@code 1/(N- + 2)}), so that a held-out set that is all right
 * (or all wrong) still gives finite, sensible parameters. Immutable.
 *
 * @param a weight of the top score
 * @param b weight of the margin between the top two scores
 * @param c intercept
 */
record Calibrator(double a, double b, double c) {

    /** A neutral calibrator for when nothing was held out: the logistic of the raw top score. */
    static final Calibrator UNCALIBRATED = new Calibrator(4.0, 0.0, 0.0);

    double probability(double top, double margin) {
        double z = a * top + b * margin + c;
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /**
     * @param top top decision value per held-out example
     * @param margin top minus second decision value
     * @param correct whether the top intent was the right one
     */
    static Calibrator fit(float[] top, float[] margin, boolean[] correct, int n) {
        if (n == 0) {
            return UNCALIBRATED;
        }
        int pos = 0;
        for (int i = 0; i < n; i++) {
            pos += correct[i] ? 1 : 0;
        }
        double tPos = (pos + 1.0) / (pos + 2.0);
        double tNeg = 1.0 / (n - pos + 2.0);
        double[] w = {0, 0, 0};
        double lambda = 1e-4;
        for (int iter = 0; iter < 50; iter++) {
            double[] g = {lambda * w[0], lambda * w[1], 0};
            double[][] h = {{lambda, 0, 0}, {0, lambda, 0}, {0, 0, 1e-9}};
            for (int i = 0; i < n; i++) {
                double[] f = {top[i], margin[i], 1.0};
                double p = 1.0 / (1.0 + Math.exp(-(w[0] * f[0] + w[1] * f[1] + w[2])));
                double t = correct[i] ? tPos : tNeg;
                double r = p - t;
                double s = Math.max(p * (1 - p), 1e-12);
                for (int u = 0; u < 3; u++) {
                    g[u] += r * f[u];
                    for (int v = 0; v < 3; v++) {
                        h[u][v] += s * f[u] * f[v];
                    }
                }
            }
            double[] step = solve3(h, g);
            if (step == null) {
                break;
            }
            double max = 0;
            for (int u = 0; u < 3; u++) {
                w[u] -= step[u];
                max = Math.max(max, Math.abs(step[u]));
            }
            if (max < 1e-7) {
                break;
            }
        }
        if (!Double.isFinite(w[0]) || !Double.isFinite(w[1]) || !Double.isFinite(w[2])) {
            return UNCALIBRATED;
        }
        return new Calibrator(w[0], w[1], w[2]);
    }

    /** Solves the 3x3 system by Gaussian elimination with partial pivoting; null when singular. */
    private static double[] solve3(double[][] m, double[] rhs) {
        double[][] a = new double[3][4];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(m[i], 0, a[i], 0, 3);
            a[i][3] = rhs[i];
        }
        for (int col = 0; col < 3; col++) {
            int piv = col;
            for (int r = col + 1; r < 3; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            if (Math.abs(a[piv][col]) < 1e-15) {
                return null;
            }
            double[] t = a[col];
            a[col] = a[piv];
            a[piv] = t;
            for (int r = 0; r < 3; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int k = col; k < 4; k++) {
                        a[r][k] -= f * a[col][k];
                    }
                }
            }
        }
        return new double[] {a[0][3] / a[0][0], a[1][3] / a[1][1], a[2][3] / a[2][2]};
    }
}
