package org.deepchrome.model.forest;

/**
 * One grown classification tree, as flat arrays indexed by node (node 0 is the root). An inner
 * node sends a sample left when its value of {@code feature} is ≤ {@code threshold}; a leaf
 * ({@code feature} = −1) gives the bootstrap-weighted fraction of "high" training genes in it (kept
 * for inner nodes too, for readers of the model).
 */
public final class DecisionTree {
    static final int LEAF = -1;

    private final int[] feature;
    private final float[] threshold;
    private final int[] left;
    private final int[] right;
    private final float[] highFraction;

    DecisionTree(int[] feature, float[] threshold, int[] left, int[] right, float[] highFraction) {
        int n = feature.length;
        if (n == 0 || threshold.length != n || left.length != n || right.length != n || highFraction.length != n) {
            throw new IllegalArgumentException("tree arrays must be non-empty and of one length");
        }
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.highFraction = highFraction;
    }

    /** Fraction of "high" training genes in the leaf {@code x} (one gene's features) falls in. */
    public float probabilityHigh(float[] x) {
        int node = 0;
        int f;
        while ((f = feature[node]) != LEAF) {
            node = x[f] <= threshold[node] ? left[node] : right[node];
        }
        return highFraction[node];
    }

    public int nodeCount() {
        return feature.length;
    }

    public int leafCount() {
        int leaves = 0;
        for (int f : feature) {
            leaves += f == LEAF ? 1 : 0;
        }
        return leaves;
    }

    int feature(int node) {
        return feature[node];
    }

    float threshold(int node) {
        return threshold[node];
    }

    int left(int node) {
        return left[node];
    }

    int right(int node) {
        return right[node];
    }

    float highFraction(int node) {
        return highFraction[node];
    }
}
