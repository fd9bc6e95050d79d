package org.deepchrome.model.forest;

import java.util.SplittableRandom;

/** A tree's bootstrap sample, kept as per-sample counts (the growers use them as weights). */
final class Bootstrap {
    private Bootstrap() {
    }

    /** {@code samples} draws with replacement from {@code samples} samples: how often each was drawn. */
    static int[] counts(int samples, SplittableRandom rng) {
        int[] counts = new int[samples];
        for (int i = 0; i < samples; i++) {
            counts[rng.nextInt(samples)]++;
        }
        return counts;
    }
}
