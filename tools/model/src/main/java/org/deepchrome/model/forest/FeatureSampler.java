package org.deepchrome.model.forest;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * Draws a node's features without replacement, as scikit-learn's trees do, and remembers the
 * ones found constant in the node: they do not count towards the features tried, and the node's
 * children never draw them again. Shared by the classification and the regression grower; one
 * sampler holds the scratch arrays of one worker thread.
 */
final class FeatureSampler {
    private final int[] draw;
    private final int[] constantFound;
    private final int[] allFeatures;
    private int remaining;
    /** Features found constant in the node being examined: constantFound[0, constants). */
    private int constants;

    FeatureSampler(int features) {
        draw = new int[features];
        constantFound = new int[features];
        allFeatures = new int[features];
        for (int f = 0; f < features; f++) {
            allFeatures[f] = f;
        }
    }

    /** Every feature: the root's candidates. */
    int[] allFeatures() {
        return allFeatures;
    }

    /**
     * A node's feature search: draws from its {@code candidates} until {@code maxFeatures}
     * features that vary in the node have been examined (or none is left). {@code examine}
     * scores feature f's splits and answers false when f is constant in the node.
     */
    void examine(int[] candidates, int maxFeatures, SplittableRandom rng, IntPredicate examine) {
        start(candidates);
        int examined = 0;
        while (examined < maxFeatures && hasNext()) {
            int f = next(rng);
            if (examine.test(f)) {
                examined++;
            } else {
                foundConstant(f);
            }
        }
    }

    /** Starts drawing from a node's candidate features. */
    private void start(int[] candidates) {
        constants = 0;
        remaining = candidates.length;
        System.arraycopy(candidates, 0, draw, 0, remaining);
    }

    private boolean hasNext() {
        return remaining > 0;
    }

    /** The next feature, drawn uniformly from those not drawn yet in this node. */
    private int next(SplittableRandom rng) {
        int j = rng.nextInt(remaining);
        int f = draw[j];
        draw[j] = draw[--remaining];
        draw[remaining] = f;
        return f;
    }

    /** Records that feature {@code f} has one value in the node. */
    private void foundConstant(int f) {
        constantFound[constants++] = f;
    }

    /** The candidates minus the features found constant in this node (the same array if none). */
    int[] childCandidates(int[] candidates) {
        if (constants == 0) {
            return candidates;
        }
        int[] found = Arrays.copyOf(constantFound, constants);
        Arrays.sort(found);
        int[] kept = new int[candidates.length - constants];
        int k = 0;
        for (int f : candidates) {
            if (Arrays.binarySearch(found, f) < 0) {
                kept[k++] = f;
            }
        }
        return kept;
    }
}
