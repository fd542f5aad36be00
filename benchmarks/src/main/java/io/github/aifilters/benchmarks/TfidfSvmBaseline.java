package io.github.aifilters.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The classic baseline, written out in Java because there is no Python ML stack offline: scikit-learn's
 * {@code TfidfVectorizer(ngram_range=(1,2), sublinear_tf=True)} + {@code LinearSVC(C=0.5)}, i.e. TF-IDF over word uni-
 * and bigrams (lower-cased, {@code \w\w+} tokens, smooth idf, L2-normalised rows) and one-vs-rest L2-regularised
 * squared-hinge linear SVMs with a bias, solved by LIBLINEAR's dual coordinate descent.
 */
final class TfidfSvmBaseline {

    private static final double C = 0.5;
    private static final int MAX_ITER = 1000;

    private final Map<String, Integer> vocab = new HashMap<>();
    private double[] idf;
    private final List<String> labels = new ArrayList<>();
    private double[][] w; // [class][feature + bias]

    record Sparse(int[] idx, double[] val) {
    }

    static List<String> terms(String text) {
        List<String> toks = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?U)\\b\\w\\w+\\b")
                .matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            toks.add(m.group());
        }
        List<String> out = new ArrayList<>(toks);
        for (int i = 0; i + 1 < toks.size(); i++) {
            out.add(toks.get(i) + " " + toks.get(i + 1));
        }
        return out;
    }

    void train(List<String> texts, List<String> y) {
        int n = texts.size();
        List<List<String>> docs = new ArrayList<>(n);
        Map<String, Integer> df = new HashMap<>();
        for (String t : texts) {
            List<String> d = terms(t);
            docs.add(d);
            for (String term : new java.util.HashSet<>(d)) {
                df.merge(term, 1, Integer::sum);
            }
        }
        df.keySet().stream().sorted().forEach(term -> vocab.put(term, vocab.size()));
        idf = new double[vocab.size()];
        df.forEach((term, c) -> idf[vocab.get(term)] = Math.log((1.0 + n) / (1.0 + c)) + 1.0);
        Sparse[] x = new Sparse[n];
        for (int i = 0; i < n; i++) {
            x[i] = vectorize(docs.get(i));
        }
        Map<String, Integer> index = new HashMap<>();
        int[] yi = new int[n];
        for (int i = 0; i < n; i++) {
            final int next = labels.size();
            yi[i] = index.computeIfAbsent(y.get(i), k -> {
                labels.add(k);
                return next;
            });
        }
        int dim = vocab.size() + 1;
        w = new double[labels.size()][];
        for (int c = 0; c < labels.size(); c++) {
            w[c] = solve(x, yi, c, dim);
        }
    }

    private Sparse vectorize(List<String> terms) {
        Map<Integer, Integer> tf = new HashMap<>();
        for (String t : terms) {
            Integer j = vocab.get(t);
            if (j != null) {
                tf.merge(j, 1, Integer::sum);
            }
        }
        int[] idx = new int[tf.size()];
        double[] val = new double[tf.size()];
        int p = 0;
        double norm = 0;
        for (Map.Entry<Integer, Integer> e : tf.entrySet()) {
            idx[p] = e.getKey();
            val[p] = (1 + Math.log(e.getValue())) * idf[e.getKey()];
            norm += val[p] * val[p];
            p++;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < val.length && norm > 0; i++) {
            val[i] /= norm;
        }
        return new Sparse(idx, val);
    }

    /** LIBLINEAR dual CD for the L2-loss SVM (squared hinge), bias as a constant feature 1. */
    private static double[] solve(Sparse[] x, int[] y, int cls, int dim) {
        int n = x.length;
        double[] w = new double[dim];
        double[] alpha = new double[n];
        double[] qd = new double[n];
        double diag = 0.5 / C;
        for (int i = 0; i < n; i++) {
            double s = 1.0; // the bias feature
            for (double v : x[i].val()) {
                s += v * v;
            }
            qd[i] = s + diag;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random rnd = new Random(1);
        for (int iter = 0; iter < MAX_ITER; iter++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double maxPg = Double.NEGATIVE_INFINITY;
            double minPg = Double.POSITIVE_INFINITY;
            for (int i : order) {
                double yy = y[i] == cls ? 1 : -1;
                double g = w[dim - 1];
                Sparse r = x[i];
                for (int p = 0; p < r.idx().length; p++) {
                    g += w[r.idx()[p]] * r.val()[p];
                }
                g = g * yy - 1 + diag * alpha[i];
                double pg = alpha[i] == 0 ? Math.min(g, 0) : g;
                maxPg = Math.max(maxPg, pg);
                minPg = Math.min(minPg, pg);
                if (pg != 0) {
                    double old = alpha[i];
                    alpha[i] = Math.max(old - g / qd[i], 0);
                    double d = (alpha[i] - old) * yy;
                    for (int p = 0; p < r.idx().length; p++) {
                        w[r.idx()[p]] += d * r.val()[p];
                    }
                    w[dim - 1] += d;
                }
            }
            if (maxPg - minPg < 0.1) {
                break; // LIBLINEAR's default tolerance
            }
        }
        return w;
    }

    String predict(String text) {
        Sparse r = vectorize(terms(text));
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < w.length; c++) {
            double s = w[c][w[c].length - 1];
            for (int p = 0; p < r.idx().length; p++) {
                s += w[c][r.idx()[p]] * r.val()[p];
            }
            if (s > bestScore) {
                bestScore = s;
                best = c;
            }
        }
        return labels.get(best);
    }
}
