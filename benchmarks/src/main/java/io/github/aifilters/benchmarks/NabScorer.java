package io.github.aifilters.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The NAB v1.1 scoring method, a line-for-line port of numenta/NAB {@code nab/sweeper.py} (calcSweepScore,
 * calcScoreByThreshold), {@code nab/optimizer.py} (one threshold per profile over the whole corpus; the best score
 * wins, ties going to the higher threshold as Python's stable sort does) and {@code nab/runner.py} (normalisation
 * with the null detector, which never fires, and the perfect detector, which scores every window at once).
 */
final class NabScorer {

    /** A cost matrix of {@code profiles.json}. */
    record Profile(String name, double tpWeight, double fpWeight, double fnWeight) {
    }

    static final Profile STANDARD = new Profile("standard", 1.0, 0.11, 1.0);
    static final Profile LOW_FP = new Profile("reward_low_FP_rate", 1.0, 0.22, 1.0);
    static final Profile LOW_FN = new Profile("reward_low_FN_rate", 1.0, 0.11, 2.0);

    /** The outcome for one profile. */
    record Result(Profile profile, double threshold, double rawScore, double nullScore, double perfectScore,
                  double normalized, int tp, int fp, int windowsDetected, int windows) {
    }

    private static final double PROBATION_PERCENT = 0.15;
    /** Window id of a probationary row (not scored); {@link #NO_WINDOW} for a row outside any window. */
    private static final int PROBATIONARY = -2;
    private static final int NO_WINDOW = -1;

    /**
     * A scorable-or-not row: its anomaly score, its unweighted sigmoid value and whether that value is a TP
     * (in-window) or FP value, and its corpus-wide window id.
     */
    private record Point(double anomalyScore, double unweighted, int window) {
    }

    private final List<Point> points = new ArrayList<>();
    private int windowCount;

    /** NAB's scaled sigmoid: {@code 2·sigmoid(−5x) − 1}, and −1 from x ≥ 3 on. */
    static double scaledSigmoid(double x) {
        if (x >= 3.0) {
            return -1.0;
        }
        return 2.0 * (1.0 / (1.0 + Math.exp(5.0 * x))) - 1.0;
    }

    private static int probationaryLength(int rows) {
        return (int) Math.min(Math.floor(PROBATION_PERCENT * rows), PROBATION_PERCENT * 5000);
    }

    /**
     * Adds one file (calcSweepScore). {@code windowCount} of the whole corpus counts every labelled window, as NAB's
     * normalisation does.
     */
    void addFile(long[] timestamps, double[] anomalyScores, List<NabCorpus.Window> windowLimits) {
        if (timestamps.length != anomalyScores.length) {
            throw new IllegalArgumentException("timestamps and anomaly scores differ in length");
        }
        Map<Long, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < timestamps.length; i++) {
            firstIndex.putIfAbsent(timestamps[i], i);
        }
        int base = windowCount;
        windowCount += windowLimits.size();
        int probation = probationaryLength(timestamps.length);
        int next = 0; // windows are popped in order when their start row is reached
        int cur = -1;
        long curEnd = 0;
        double curWidth = 0;
        int curRight = -1;
        int prevRight = -1;
        double prevWidth = 0;
        for (int i = 0; i < timestamps.length; i++) {
            if (next < windowLimits.size() && timestamps[i] == windowLimits.get(next).startMillis()) {
                NabCorpus.Window w = windowLimits.get(next);
                Integer right = firstIndex.get(w.endMillis());
                if (right == null) {
                    throw new IllegalStateException("window end is not a row of the file: " + w);
                }
                cur = base + next;
                next++;
                curEnd = w.endMillis();
                curRight = right;
                curWidth = (double) (curRight - firstIndex.get(w.startMillis()) + 1);
            }
            double unweighted;
            boolean inWindow = cur >= 0;
            if (inWindow) {
                unweighted = scaledSigmoid(-(curRight - i + 1) / curWidth);
            } else {
                double position = prevRight < 0 ? 3.0 : Math.abs(prevRight - i) / (prevWidth - 1.0);
                unweighted = scaledSigmoid(position);
            }
            int window = i >= probation ? (inWindow ? cur : NO_WINDOW) : PROBATIONARY;
            points.add(new Point(anomalyScores[i], unweighted, window));
            if (inWindow && timestamps[i] == curEnd) {
                prevRight = i;
                prevWidth = curWidth;
                cur = -1;
            }
        }
    }

    /** The raw score with a fixed threshold (scoreDataSet): detections are rows scoring at least {@code threshold}. */
    double scoreAt(Profile p, double threshold) {
        double maxTp = scaledSigmoid(-1.0);
        double[] best = new double[windowCount];
        boolean[] present = new boolean[windowCount];
        Arrays.fill(best, -p.fnWeight());
        double fpSum = 0;
        for (Point x : points) {
            if (x.window() == PROBATIONARY) {
                continue;
            }
            if (x.window() >= 0) {
                present[x.window()] = true;
            }
            if (x.anomalyScore() < threshold) {
                continue;
            }
            if (x.window() >= 0) {
                best[x.window()] = Math.max(best[x.window()], x.unweighted() * p.tpWeight() / maxTp);
            } else {
                fpSum += x.unweighted() * p.fpWeight();
            }
        }
        double total = fpSum;
        for (int w = 0; w < windowCount; w++) {
            if (present[w]) {
                total += best[w];
            }
        }
        return total;
    }

    /** Sweeps every distinct score as a threshold (calcScoreByThreshold) and normalises the best one. */
    Result score(Profile p) {
        double maxTp = scaledSigmoid(-1.0);
        Point[] scorable = points.stream().filter(x -> x.window() != PROBATIONARY).toArray(Point[]::new);
        // Stable descending sort, as Python's sorted(..., reverse=True).
        Arrays.sort(scorable, Comparator.comparingDouble(Point::anomalyScore).reversed());
        double[] best = new double[windowCount];
        boolean[] present = new boolean[windowCount];
        int scorableWindows = 0;
        for (Point x : scorable) {
            if (x.window() >= 0 && !present[x.window()]) {
                present[x.window()] = true;
                scorableWindows++;
            }
        }
        Arrays.fill(best, -p.fnWeight());
        double fpSum = 0;
        double windowSum = -p.fnWeight() * scorableWindows;
        double curThreshold = 1.1;
        int tp = 0;
        int fp = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        double bestThreshold = curThreshold;
        int bestTp = 0;
        int bestFp = 0;
        double[] bestWindows = best.clone();
        for (Point x : scorable) {
            if (x.anomalyScore() != curThreshold) {
                double s = fpSum + windowSum;
                if (s > bestScore) {
                    bestScore = s;
                    bestThreshold = curThreshold;
                    bestTp = tp;
                    bestFp = fp;
                    bestWindows = best.clone();
                }
                curThreshold = x.anomalyScore();
            }
            if (x.window() >= 0) {
                tp++;
                double sweep = x.unweighted() * p.tpWeight() / maxTp;
                if (sweep > best[x.window()]) {
                    windowSum += sweep - best[x.window()];
                    best[x.window()] = sweep;
                }
            } else {
                fp++;
                fpSum += x.unweighted() * p.fpWeight();
            }
        }
        double s = fpSum + windowSum;
        if (s > bestScore) {
            bestScore = s;
            bestThreshold = curThreshold;
            bestTp = tp;
            bestFp = fp;
            bestWindows = best.clone();
        }
        int detected = 0;
        for (int w = 0; w < windowCount; w++) {
            if (present[w] && bestWindows[w] > -p.fnWeight()) {
                detected++;
            }
        }
        // runner.normalize: the null detector scores −fnWeight per window; the perfect one tpWeight per window.
        double nullScore = -p.fnWeight() * scorableWindows;
        double perfect = windowCount * p.tpWeight();
        double normalized = 100.0 * (bestScore - nullScore) / (perfect - nullScore);
        return new Result(p, bestThreshold, bestScore, nullScore, perfect, normalized, bestTp, bestFp, detected,
                windowCount);
    }
}
