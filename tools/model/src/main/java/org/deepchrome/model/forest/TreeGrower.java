package org.deepchrome.model.forest;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Grows one CART classification tree the way scikit-learn's random forest does: a bootstrap
 * sample (kept as per-sample counts, i.e. weights), gini impurity, {@code maxFeatures} features
 * tried per node, grown until leaves are pure or cannot be split. As in scikit-learn, a feature
 * found constant in a node does not count towards {@code maxFeatures}, and is not drawn again
 * below that node.
 *
 * <p>The split search works on {@link FeatureBins} codes: a large node builds a histogram of
 * (weight, high weight) per code; a small node sorts packed (code, weight, label) ints instead,
 * which is cheaper than clearing and scanning a histogram wider than the node. Both give the
 * same sums, so the choice changes speed, not the tree. One grower holds the scratch arrays of
 * one worker thread and is reused tree after tree.
 */
final class TreeGrower {
    /** Sort keys hold the bootstrap count in 15 bits. */
    private static final int MAX_SORT_WEIGHT = (1 << 15) - 1;

    private final FeatureBins bins;
    private final boolean[] high;
    private final int maxFeatures;
    private final int samples;

    private final int[] inBag;
    /** (weight << 32 | high weight) of inBag[i], moved with it: the histogram loop reads it in order. */
    private final long[] stat;
    /** Per code: (weight << 32 | high weight) of the node's samples with that code. */
    private final long[] histogram;
    private final int[] keys;
    private final FeatureSampler features;
    private boolean sortAllowed;

    // The best split of the node being examined.
    private double bestScore;
    private int bestFeature;
    private int bestBelow;
    private int bestAbove;
    private int bestLeftWeight;
    private int bestLeftHigh;

    private TreeBuilder tree;

    /** How a node's split is searched: by cost (the default), or always one way (to test they agree). */
    enum Search { BY_COST, HISTOGRAM, SORT }

    private final Search search;

    TreeGrower(FeatureBins bins, boolean[] high, int maxFeatures) {
        this(bins, high, maxFeatures, Search.BY_COST);
    }

    TreeGrower(FeatureBins bins, boolean[] high, int maxFeatures, Search search) {
        this.search = search;
        this.bins = bins;
        this.high = high;
        this.maxFeatures = maxFeatures;
        this.samples = bins.samples();
        inBag = new int[samples];
        stat = new long[samples];
        histogram = new long[bins.widestBinCount()];
        keys = new int[samples];
        this.features = new FeatureSampler(bins.features());
    }

    /** A node waiting to be split: its samples are inBag[start, end). */
    private record Pending(int node, int start, int end, int weight, int high, int[] candidates) {
    }

    /** Grows a tree on a bootstrap sample drawn with {@code rng}, which also draws the features. */
    DecisionTree grow(SplittableRandom rng) {
        return grow(Bootstrap.counts(samples, rng), rng);
    }

    /** Grows a tree on the samples with a positive weight, each counted {@code weights[i]} times. */
    DecisionTree grow(int[] weights, SplittableRandom rng) {
        int count = 0;
        long totalWeight = 0;
        int totalHigh = 0;
        int heaviest = 0;
        for (int i = 0; i < samples; i++) {
            int w = weights[i];
            if (w < 0) {
                throw new IllegalArgumentException("negative weight " + w + " for sample " + i);
            }
            if (w > 0) {
                stat[count] = (long) w << 32 | (high[i] ? w : 0);
                inBag[count++] = i;
                totalWeight += w;
                totalHigh += high[i] ? w : 0;
                heaviest = Math.max(heaviest, w);
            }
        }
        if (count == 0 || totalWeight > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("weights must not be all 0 and must sum below 2^31");
        }
        sortAllowed = heaviest <= MAX_SORT_WEIGHT;
        return grow(new Pending(0, 0, count, (int) totalWeight, totalHigh, features.allFeatures()), rng);
    }

    private DecisionTree grow(Pending root, SplittableRandom rng) {
        tree = new TreeBuilder(Math.max(16, 2 * (root.end() - root.start())));
        tree.add();
        ArrayDeque<Pending> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Pending p = stack.pop();
            if (!findSplit(p, rng)) {
                tree.leaf(p.node(), (float) ((double) p.high() / p.weight()));
                continue;
            }
            int middle = FeatureBins.partition(inBag, stat, p.start(), p.end(), bins.codes(bestFeature), bestBelow);
            int left = tree.add();
            int right = tree.add();
            tree.split(p.node(), bestFeature, bins.threshold(bestFeature, bestBelow, bestAbove), left, right,
                    (float) ((double) p.high() / p.weight()));
            int[] childCandidates = features.childCandidates(p.candidates());
            // Right pushed first so the left subtree is finished first (depth-first, left to right).
            stack.push(new Pending(right, middle, p.end(), p.weight() - bestLeftWeight, p.high() - bestLeftHigh,
                    childCandidates));
            stack.push(new Pending(left, p.start(), middle, bestLeftWeight, bestLeftHigh, childCandidates));
        }
        DecisionTree grown = tree.build();
        tree = null;
        return grown;
    }

    /**
     * Draws features without replacement until {@code maxFeatures} non-constant ones have been
     * examined (or none is left) and keeps the best gini split; false when the node is a leaf.
     */
    private boolean findSplit(Pending p, SplittableRandom rng) {
        if (p.end() - p.start() < 2 || p.high() == 0 || p.high() == p.weight()) {
            return false;
        }
        bestScore = Double.NEGATIVE_INFINITY;
        bestFeature = -1;
        features.examine(p.candidates(), maxFeatures, rng, f -> examine(f, p));
        return bestFeature >= 0;
    }

    /** Scores every split of feature {@code f} in the node; false when the feature is constant there. */
    private boolean examine(int f, Pending p) {
        boolean sort = switch (search) {
            case HISTOGRAM -> false;
            case SORT -> true;
            case BY_COST -> {
                int n = p.end() - p.start();
                yield n * (32 - Integer.numberOfLeadingZeros(n)) < bins.binCount(f);
            }
        };
        return sort && sortAllowed ? examineSorted(f, p) : examineHistogram(f, p);
    }

    private boolean examineHistogram(int f, Pending p) {
        char[] codes = bins.codes(f);
        int lowest = Integer.MAX_VALUE;
        int highest = -1;
        long[] h = histogram;
        for (int i = p.start(), end = p.end(); i < end; i++) {
            int c = codes[inBag[i]];
            h[c] += stat[i];
            lowest = Math.min(lowest, c);
            highest = Math.max(highest, c);
        }
        if (lowest == highest) {
            h[lowest] = 0;
            return false;
        }
        int leftWeight = 0;
        int leftHigh = 0;
        int previous = -1;
        for (int c = lowest; c <= highest; c++) {
            long wh = h[c];
            if (wh == 0) {
                continue;
            }
            if (previous >= 0) {
                consider(f, previous, c, leftWeight, leftHigh, p);
            }
            leftWeight += (int) (wh >>> 32);
            leftHigh += (int) wh;
            h[c] = 0;
            previous = c;
        }
        return true;
    }

    private boolean examineSorted(int f, Pending p) {
        char[] codes = bins.codes(f);
        int n = 0;
        for (int i = p.start(); i < p.end(); i++) {
            long st = stat[i];
            int w = (int) (st >>> 32);
            keys[n++] = codes[inBag[i]] << 16 | w << 1 | ((int) st != 0 ? 1 : 0);
        }
        Arrays.sort(keys, 0, n);
        if (keys[0] >>> 16 == keys[n - 1] >>> 16) {
            return false;
        }
        int leftWeight = 0;
        int leftHigh = 0;
        int previous = keys[0] >>> 16;
        for (int i = 0; i < n; i++) {
            int c = keys[i] >>> 16;
            if (c != previous) {
                consider(f, previous, c, leftWeight, leftHigh, p);
                previous = c;
            }
            int w = (keys[i] >>> 1) & MAX_SORT_WEIGHT;
            leftWeight += w;
            leftHigh += (keys[i] & 1) * w;
        }
        return true;
    }

    /**
     * Scores "code ≤ below goes left" by the gini criterion. Minimising the children's weighted
     * gini impurity is maximising Σ_children Σ_class count² / weight (the impurity's
     * constant terms dropped), which is what is compared; the first best split found is kept.
     */
    private void consider(int f, int below, int above, int leftWeight, int leftHigh, Pending p) {
        double lw = leftWeight;
        double lh = leftHigh;
        double ll = lw - lh;
        double rw = p.weight() - lw;
        double rh = p.high() - lh;
        double rl = rw - rh;
        double score = (lh * lh + ll * ll) / lw + (rh * rh + rl * rl) / rw;
        if (score > bestScore) {
            bestScore = score;
            bestFeature = f;
            bestBelow = below;
            bestAbove = above;
            bestLeftWeight = leftWeight;
            bestLeftHigh = leftHigh;
        }
    }
}
