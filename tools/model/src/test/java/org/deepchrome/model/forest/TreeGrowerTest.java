package org.deepchrome.model.forest;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Trees small enough to check by hand: the split is the one with the lowest weighted gini impurity. */
class TreeGrowerTest {
    @Test
    void separableDataGiveAStumpWithPureLeaves() {
        DecisionTree stump = grow(FeatureBinsTest.column(1, 2, 3, 4), new int[] {0, 0, 1, 1}, ones(4), 1);
        assertEquals(3, stump.nodeCount());
        assertEquals(0, stump.feature(0));
        assertEquals(2.5f, stump.threshold(0), "midpoint between 2 and 3");
        assertEquals(0f, stump.highFraction(stump.left(0)));
        assertEquals(1f, stump.highFraction(stump.right(0)));
        assertEquals(0f, stump.probabilityHigh(new float[] {-7}));
        assertEquals(1f, stump.probabilityHigh(new float[] {2.6f}));
    }

    /**
     * Values 1…5, labels 0 0 1 0 1. Weighted gini of each cut (n_left/n · gini_left + n_right/n · gini_right):
     * after 1: 4/5 · 0.5 = 0.400; after 2: 3/5 · 4/9 = 0.267; after 3: 3/5 · 4/9 + 2/5 · 0.5 = 0.467;
     * after 4: 4/5 · 0.375 = 0.300. Best: after 2, threshold 2.5.
     */
    @Test
    void rootSplitHasTheLowestGiniComputedByHand() {
        DecisionTree tree = grow(FeatureBinsTest.column(1, 2, 3, 4, 5), new int[] {0, 0, 1, 0, 1}, ones(5), 1);
        assertEquals(2.5f, tree.threshold(0));
        assertEquals(0.4f, tree.highFraction(0), 1e-7);
    }

    /**
     * Same data, the 0 at value 4 counted three times (a bootstrap draws it thrice), total weight 7:
     * after 1: 6/7 · 4/9 = 0.381; after 2: 5/7 · 0.48 = 0.343; after 3: 3/7 · 4/9 + 4/7 · 0.375 = 0.405;
     * after 4: 6/7 · 10/36 = 0.238. Best: after 4, threshold 4.5 — the weights are counts.
     */
    @Test
    void bootstrapCountsWeighTheSplit() {
        DecisionTree tree = grow(FeatureBinsTest.column(1, 2, 3, 4, 5), new int[] {0, 0, 1, 0, 1},
                new int[] {1, 1, 1, 3, 1}, 1);
        assertEquals(4.5f, tree.threshold(0));
        assertEquals(2f / 7f, tree.highFraction(0), 1e-7);
        assertEquals(1f / 6f, tree.highFraction(tree.left(0)), 1e-7, "fraction weighted by counts");
    }

    @Test
    void outOfBagSamplesAreIgnored() {
        // Without the sample at 3 (weight 0) the cut is midway between 2 and 4.
        DecisionTree stump = grow(FeatureBinsTest.column(1, 2, 3, 4), new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 1}, 1);
        assertEquals(3f, stump.threshold(0));
    }

    @Test
    void aConstantFeatureDoesNotUseUpTheFeaturesTriedPerSplit() {
        // One feature tried per split; feature 0 is constant, so whichever is drawn first, feature 1 splits.
        float[][] rows = {{5, 1}, {5, 2}, {5, 3}, {5, 4}};
        for (long seed = 0; seed < 20; seed++) {
            FeatureBins bins = FeatureBins.of(rows, 256);
            DecisionTree tree = new TreeGrower(bins, new boolean[] {false, false, true, true}, 1)
                    .grow(ones(4), new SplittableRandom(seed));
            assertEquals(1, tree.feature(0), "seed " + seed);
            assertEquals(3, tree.nodeCount());
        }
    }

    @Test
    void identicalSamplesWithBothLabelsMakeAMixedLeaf() {
        DecisionTree leaf = grow(FeatureBinsTest.column(2, 2, 2, 2), new int[] {0, 1, 1, 1}, ones(4), 1);
        assertEquals(1, leaf.nodeCount());
        assertEquals(DecisionTree.LEAF, leaf.feature(0));
        assertEquals(0.75f, leaf.probabilityHigh(new float[] {0}));
    }

    @Test
    void histogramAndSortedSearchesGrowTheSameTree() {
        SplittableRandom r = new SplittableRandom(11);
        float[][] rows = new float[300][3];
        boolean[] high = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int f = 0; f < 3; f++) {
                rows[i][f] = (float) Math.floor(r.nextDouble() * 50);
            }
            high[i] = rows[i][0] + rows[i][1] * r.nextDouble() > 40;
        }
        FeatureBins bins = FeatureBins.of(rows, 256);
        DecisionTree byCost = new TreeGrower(bins, high, 2).grow(new SplittableRandom(5));
        DecisionTree histogram = new TreeGrower(bins, high, 2, TreeGrower.Search.HISTOGRAM).grow(new SplittableRandom(5));
        DecisionTree sorted = new TreeGrower(bins, high, 2, TreeGrower.Search.SORT).grow(new SplittableRandom(5));
        assertSameTree(byCost, histogram);
        assertSameTree(byCost, sorted);
        assertEquals(true, byCost.nodeCount() > 20, "a real tree: " + byCost.nodeCount() + " nodes");
    }

    static void assertSameTree(DecisionTree a, DecisionTree b) {
        assertEquals(a.nodeCount(), b.nodeCount());
        for (int n = 0; n < a.nodeCount(); n++) {
            assertEquals(a.feature(n), b.feature(n), "node " + n);
            assertEquals(a.threshold(n), b.threshold(n), "node " + n);
            assertEquals(a.left(n), b.left(n), "node " + n);
            assertEquals(a.highFraction(n), b.highFraction(n), "node " + n);
        }
    }

    private static DecisionTree grow(float[][] rows, int[] labels, int[] weights, int maxFeatures) {
        boolean[] high = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            high[i] = labels[i] == 1;
        }
        return new TreeGrower(FeatureBins.of(rows, 256), high, maxFeatures).grow(weights, new SplittableRandom(1));
    }

    private static int[] ones(int n) {
        int[] w = new int[n];
        java.util.Arrays.fill(w, 1);
        return w;
    }
}
