package org.deepchrome.model.forest;

import java.util.List;

/**
 * A trained random forest over {@code features} float features: the probability of "high" is the
 * mean over trees of the high fraction in the leaf a gene reaches (as scikit-learn's
 * {@code predict_proba}).
 */
public final class RandomForest {
    private final int features;
    private final List<DecisionTree> trees;

    public RandomForest(int features, List<DecisionTree> trees) {
        if (features < 1 || trees.isEmpty()) {
            throw new IllegalArgumentException("a forest needs features and at least one tree");
        }
        this.features = features;
        this.trees = List.copyOf(trees);
    }

    public int features() {
        return features;
    }

    public List<DecisionTree> trees() {
        return trees;
    }

    /** Mean leaf fraction of "high" over the trees, for one gene's {@link #features()} values. */
    public double probabilityHigh(float[] x) {
        if (x.length != features) {
            throw new IllegalArgumentException("expected " + features + " features, got " + x.length);
        }
        double sum = 0;
        for (DecisionTree tree : trees) {
            sum += tree.probabilityHigh(x);
        }
        return sum / trees.size();
    }
}
