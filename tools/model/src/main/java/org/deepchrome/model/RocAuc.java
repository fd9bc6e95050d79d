package org.deepchrome.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Exact ROC analysis of scores against 0/1 labels. The AUC is the Mann–Whitney statistic:
 * the chance a random positive scores above a random negative, ties counting one half —
 * which equals the trapezoid area under the ROC curve drawn through tied groups.
 */
public final class RocAuc {
    /** One point of the ROC curve: rates when genes scoring ≥ threshold are called high. */
    public record Point(double falsePositiveRate, double truePositiveRate, double threshold) {
    }

    private RocAuc() {
    }

    public static double auc(double[] scores, int[] labels) {
        Integer[] order = sortedByScore(scores, labels);
        long positives = count(labels, 1);
        long negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("ROC AUC needs both classes, got " + positives + " positive(s) and "
                    + negatives + " negative(s)");
        }
        // Walk from the highest score down, one tied group at a time.
        double area = 0;
        long negativesAbove = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            long pos = 0;
            long neg = 0;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                if (labels[order[j]] == 1) {
                    pos++;
                } else {
                    neg++;
                }
                j++;
            }
            area += pos * (negatives - negativesAbove - neg) + 0.5 * pos * neg;
            negativesAbove += neg;
            i = j;
        }
        return area / ((double) positives * negatives);
    }

    /** The ROC curve from (0,0) to (1,1), one point per distinct score (threshold +∞ first). */
    public static List<Point> curve(double[] scores, int[] labels) {
        Integer[] order = sortedByScore(scores, labels);
        double positives = count(labels, 1);
        double negatives = labels.length - positives;
        List<Point> points = new ArrayList<>();
        points.add(new Point(0, 0, Double.POSITIVE_INFINITY));
        long tp = 0;
        long fp = 0;
        int i = 0;
        while (i < order.length) {
            double threshold = scores[order[i]];
            while (i < order.length && scores[order[i]] == threshold) {
                if (labels[order[i]] == 1) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            points.add(new Point(negatives == 0 ? 0 : fp / negatives, positives == 0 ? 0 : tp / positives,
                    threshold));
        }
        return points;
    }

    /** Share of genes whose call (score ≥ 0.5 → 1) matches the label. */
    public static double accuracy(double[] scores, int[] labels) {
        long right = 0;
        for (int i = 0; i < scores.length; i++) {
            if ((scores[i] >= 0.5 ? 1 : 0) == labels[i]) {
                right++;
            }
        }
        return (double) right / scores.length;
    }

    /**
     * NaN and infinite scores are refused: NaN is not ordered (NaN == NaN is false), so the
     * walk over tied groups would never leave a NaN group — the AUC loop spun forever.
     */
    private static Integer[] sortedByScore(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + labels.length + " labels");
        }
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score " + (i + 1) + " of " + scores.length + " is " + scores[i]
                        + "; ROC analysis needs finite scores");
            }
        }
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        return order;
    }

    private static long count(int[] labels, int value) {
        return Arrays.stream(labels).filter(l -> l == value).count();
    }
}
