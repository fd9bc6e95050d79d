package org.deepchrome.model.forest;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Grows one CART regression tree: a bootstrap sample (per-sample counts as weights), the
 * variance-reduction criterion (scikit-learn's "squared_error"), {@code maxFeatures} features
 * tried per node, grown until a node's targets are all equal or it holds one sample; a leaf
 * predicts the weighted mean of its targets. As in {@link TreeGrower}, features found constant
 * in a node do not count towards {@code maxFeatures} and are not drawn again below it, and the
 * split search works on {@link FeatureBins} codes: a histogram of (weight, weighted target sum)
 * per code for large nodes, a sort of (code, sample) for small ones — same sums, same tree.
 */
final class RegressionTreeGrower {
    private final FeatureBins bins;
    private final double[] targets;
    private final int maxFeatures;
    private final int samples;

    private final int[] inBag;
    private final long[] weight;       // bootstrap count of inBag[i], moved with it
    private final long[] histWeight;   // per code: weight of the node's samples with that code
    private final double[] histSum;    // per code: Σ weight · target
    private final long[] keys;
    private final FeatureSampler features;

    private double bestScore;
    private int bestFeature;
    private int bestBelow;
    private int bestAbove;

    RegressionTreeGrower(FeatureBins bins, double[] targets, int maxFeatures) {
        this.bins = bins;
        this.targets = targets;
        this.maxFeatures = maxFeatures;
        this.samples = bins.samples();
        inBag = new int[samples];
        weight = new long[samples];
        histWeight = new long[bins.widestBinCount()];
        histSum = new double[bins.widestBinCount()];
        keys = new long[samples];
        this.features = new FeatureSampler(bins.features());
    }

    private record Pending(int node, int start, int end, int[] candidates) {
    }

    /** Grows a tree on a bootstrap sample drawn with {@code rng}, which also draws the features. */
    DecisionTree grow(SplittableRandom rng) {
        int[] counts = Bootstrap.counts(samples, rng);
        int count = 0;
        for (int i = 0; i < samples; i++) {
            if (counts[i] > 0) {
                inBag[count] = i;
                weight[count++] = counts[i];
            }
        }
        TreeBuilder tree = new TreeBuilder(Math.max(16, 2 * count));
        tree.add();
        ArrayDeque<Pending> stack = new ArrayDeque<>();
        stack.push(new Pending(0, 0, count, features.allFeatures()));
        while (!stack.isEmpty()) {
            Pending p = stack.pop();
            float mean = (float) mean(p.start(), p.end());
            if (!findSplit(p, rng)) {
                tree.leaf(p.node(), mean);
                continue;
            }
            int middle = FeatureBins.partition(inBag, weight, p.start(), p.end(), bins.codes(bestFeature), bestBelow);
            int left = tree.add();
            int right = tree.add();
            tree.split(p.node(), bestFeature, bins.threshold(bestFeature, bestBelow, bestAbove), left, right, mean);
            int[] childCandidates = features.childCandidates(p.candidates());
            stack.push(new Pending(right, middle, p.end(), childCandidates));
            stack.push(new Pending(left, p.start(), middle, childCandidates));
        }
        return tree.build();
    }

    private double mean(int start, int end) {
        double w = 0;
        double sum = 0;
        for (int i = start; i < end; i++) {
            w += weight[i];
            sum += weight[i] * targets[inBag[i]];
        }
        return sum / w;
    }

    /** False when the node is a leaf: one sample, equal targets, or no feature varies in it. */
    private boolean findSplit(Pending p, SplittableRandom rng) {
        if (p.end() - p.start() < 2 || allTargetsEqual(p.start(), p.end())) {
            return false;
        }
        bestScore = Double.NEGATIVE_INFINITY;
        bestFeature = -1;
        long totalWeight = 0;
        double totalSum = 0;
        for (int i = p.start(); i < p.end(); i++) {
            totalWeight += weight[i];
            totalSum += weight[i] * targets[inBag[i]];
        }
        long nodeWeight = totalWeight; // effectively final for the lambda
        double nodeSum = totalSum;
        int n = p.end() - p.start();
        features.examine(p.candidates(), maxFeatures, rng, f -> {
            boolean sort = n * (32 - Integer.numberOfLeadingZeros(n)) < bins.binCount(f);
            return sort ? examineSorted(f, p, nodeWeight, nodeSum) : examineHistogram(f, p, nodeWeight, nodeSum);
        });
        return bestFeature >= 0;
    }

    private boolean allTargetsEqual(int start, int end) {
        double first = targets[inBag[start]];
        for (int i = start + 1; i < end; i++) {
            if (targets[inBag[i]] != first) {
                return false;
            }
        }
        return true;
    }

    private boolean examineHistogram(int f, Pending p, long totalWeight, double totalSum) {
        char[] codes = bins.codes(f);
        int lowest = Integer.MAX_VALUE;
        int highest = -1;
        for (int i = p.start(), end = p.end(); i < end; i++) {
            int c = codes[inBag[i]];
            histWeight[c] += weight[i];
            histSum[c] += weight[i] * targets[inBag[i]];
            lowest = Math.min(lowest, c);
            highest = Math.max(highest, c);
        }
        if (lowest == highest) {
            histWeight[lowest] = 0;
            histSum[lowest] = 0;
            return false;
        }
        long leftWeight = 0;
        double leftSum = 0;
        int previous = -1;
        for (int c = lowest; c <= highest; c++) {
            long w = histWeight[c];
            if (w == 0) {
                continue;
            }
            if (previous >= 0) {
                consider(f, previous, c, leftWeight, leftSum, totalWeight, totalSum);
            }
            leftWeight += w;
            leftSum += histSum[c];
            histWeight[c] = 0;
            histSum[c] = 0;
            previous = c;
        }
        return true;
    }

    private boolean examineSorted(int f, Pending p, long totalWeight, double totalSum) {
        char[] codes = bins.codes(f);
        int n = 0;
        for (int i = p.start(); i < p.end(); i++) {
            keys[n++] = (long) codes[inBag[i]] << 32 | i;
        }
        Arrays.sort(keys, 0, n);
        if (keys[0] >>> 32 == keys[n - 1] >>> 32) {
            return false;
        }
        long leftWeight = 0;
        double leftSum = 0;
        int previous = (int) (keys[0] >>> 32);
        for (int k = 0; k < n; k++) {
            int c = (int) (keys[k] >>> 32);
            int i = (int) keys[k];
            if (c != previous) {
                consider(f, previous, c, leftWeight, leftSum, totalWeight, totalSum);
                previous = c;
            }
            leftWeight += weight[i];
            leftSum += weight[i] * targets[inBag[i]];
        }
        return true;
    }

    /**
     * Scores "code ≤ below goes left": minimising the children's weighted squared error is
     * maximising S_left²/W_left + S_right²/W_right (Σ w·t² is the same for every split).
     */
    private void consider(int f, int below, int above, long leftWeight, double leftSum, long totalWeight,
                          double totalSum) {
        double rightSum = totalSum - leftSum;
        double score = leftSum * leftSum / leftWeight + rightSum * rightSum / (totalWeight - leftWeight);
        if (score > bestScore) {
            bestScore = score;
            bestFeature = f;
            bestBelow = below;
            bestAbove = above;
        }
    }
}
