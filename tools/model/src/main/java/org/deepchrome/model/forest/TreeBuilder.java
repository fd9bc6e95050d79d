package org.deepchrome.model.forest;

import java.util.Arrays;

/**
 * Growable node arrays of a tree being grown, shared by the classification and the regression
 * grower. A node's value is what the tree predicts there: the fraction of "high" weight for a
 * classifier, the weighted mean target for a regressor.
 */
final class TreeBuilder {
    private int[] feature;
    private float[] threshold;
    private int[] left;
    private int[] right;
    private float[] value;
    private int size;

    TreeBuilder(int capacity) {
        feature = new int[capacity];
        threshold = new float[capacity];
        left = new int[capacity];
        right = new int[capacity];
        value = new float[capacity];
    }

    /** Adds an empty node; returns its index. */
    int add() {
        if (size == feature.length) {
            int grown = size * 2;
            feature = Arrays.copyOf(feature, grown);
            threshold = Arrays.copyOf(threshold, grown);
            left = Arrays.copyOf(left, grown);
            right = Arrays.copyOf(right, grown);
            value = Arrays.copyOf(value, grown);
        }
        return size++;
    }

    void leaf(int node, float nodeValue) {
        feature[node] = DecisionTree.LEAF;
        value[node] = nodeValue;
    }

    void split(int node, int f, float t, int l, int r, float nodeValue) {
        feature[node] = f;
        threshold[node] = t;
        left[node] = l;
        right[node] = r;
        value[node] = nodeValue;
    }

    DecisionTree build() {
        return new DecisionTree(Arrays.copyOf(feature, size), Arrays.copyOf(threshold, size),
                Arrays.copyOf(left, size), Arrays.copyOf(right, size), Arrays.copyOf(value, size));
    }
}
