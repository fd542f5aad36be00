package io.github.aifilters.filters.intent.internal;

/**
 * Platt scaling of the top decision value: {@code P(top intent is right) = sigmoid(a * top + b)}, fitted by Newton's
 * method on held-out predictions (examples the scoring model was not trained on). The targets are Platt's smoothed
 * ones ({@code (N+ + 1)/(N+ + 2)} and {@code 1/(N- + 2)}), so that a held-out set that is all right (or all wrong)
 * still gives finite, sensible parameters.
 *
 * <p>Why the top score alone, and not also its margin over the runner-up: the margin predicts confusions between two
 * configured intents well, but an out-of-scope request is one that no intent claims, which shows in a low top score;
 * on CLINC150 adding the margin lowered out-of-scope recall at the same threshold from about 60% to under 50%.
 * Immutable.
 *
 * @param a slope on the top score
 * @param b intercept
 */
record Calibrator(double a, double b) {

    /** A neutral calibrator for when nothing was held out: the logistic of the raw top score. */
    static final Calibrator UNCALIBRATED = new Calibrator(4.0, 0.0);

    double probability(double top) {
        return 1.0 / (1.0 + Math.exp(-(a * top + b)));
    }

    /**
     * @param top top decision value per held-out example
     * @param correct whether the top intent was the right one
     */
    static Calibrator fit(float[] top, boolean[] correct, int n) {
        if (n == 0) {
            return UNCALIBRATED;
        }
        int pos = 0;
        for (int i = 0; i < n; i++) {
            pos += correct[i] ? 1 : 0;
        }
        double tPos = (pos + 1.0) / (pos + 2.0);
        double tNeg = 1.0 / (n - pos + 2.0);
        double a = 0;
        double b = Math.log((pos + 1.0) / (n - pos + 1.0));
        for (int iter = 0; iter < 100; iter++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-6;
            double hab = 0;
            double hbb = 1e-6;
            for (int i = 0; i < n; i++) {
                double x = top[i];
                double p = 1.0 / (1.0 + Math.exp(-(a * x + b)));
                double r = p - (correct[i] ? tPos : tNeg);
                double s = Math.max(p * (1 - p), 1e-12);
                ga += r * x;
                gb += r;
                haa += s * x * x;
                hab += s * x;
                hbb += s;
            }
            double det = haa * hbb - hab * hab;
            if (!(Math.abs(det) > 1e-18)) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) {
                break;
            }
        }
        if (!Double.isFinite(a) || !Double.isFinite(b) || a <= 0) {
            // a non-increasing map from score to probability would be nonsense: fall back
            return UNCALIBRATED;
        }
        return new Calibrator(a, b);
    }
}
