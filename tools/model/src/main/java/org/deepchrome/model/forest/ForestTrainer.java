package org.deepchrome.model.forest;

import org.deepchrome.core.concurrent.Futures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trains a random forest as scikit-learn's {@code RandomForestClassifier(max_features="sqrt")}
 * does: each tree on a bootstrap sample, √features tried per split, gini, grown fully, on
 * {@link FeatureBins} codes. Tree {@code i} draws everything from its own generator, seeded from
 * (seed, i) alone, so the forest is the same whatever the thread count and whichever worker
 * grows which tree.
 */
public final class ForestTrainer {
    /** Bins per feature: exact splits for features with up to this many distinct values, quantile bins above. */
    public static final int DEFAULT_MAX_BINS = 256;

    private final int trees;
    private final long seed;
    private final int threads;
    private final int maxBins;

    public ForestTrainer(int trees, long seed, int threads, int maxBins) {
        if (trees < 1 || threads < 1) {
            throw new IllegalArgumentException("trees and threads must be at least 1");
        }
        if (maxBins < 2 || maxBins > FeatureBins.MAX_BINS) {
            throw new IllegalArgumentException("maxBins must be in 2.." + FeatureBins.MAX_BINS);
        }
        this.trees = trees;
        this.seed = seed;
        this.threads = threads;
        this.maxBins = maxBins;
    }

    /**
     * Features tried per split of a regression tree: ⌊features / 3⌋, at least one (Breiman's
     * default for regression, R randomForest's mtry; √features left E012 trees too weak).
     */
    public static int maxFeaturesRegression(int features) {
        return Math.max(1, features / 3);
    }

    /** Features tried per split: ⌊√features⌋, at least one (scikit-learn's "sqrt"). */
    public static int maxFeatures(int features) {
        return Math.max(1, (int) Math.sqrt(features));
    }

    /**
     * Fits the forest to {@code rows[sample][feature]} (finite values) and {@code labels} (0 or 1);
     * {@code treeGrown} is called (from any worker) after each tree.
     */
    public RandomForest fit(float[][] rows, int[] labels, Runnable treeGrown) {
        if (rows.length == 0 || rows.length != labels.length) {
            throw new IllegalArgumentException("need one label per row and at least one row");
        }
        int features = rows[0].length;
        boolean[] high = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("labels must be 0 or 1, row " + i + " has " + labels[i]);
            }
            if (rows[i].length != features) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " features, not " + features);
            }
            high[i] = labels[i] == 1;
        }
        FeatureBins bins = FeatureBins.of(rows, maxBins);
        return grow(features, () -> new TreeGrower(bins, high, maxFeatures(features))::grow, treeGrown);
    }

    /**
     * Fits a regression forest (variance reduction, leaf = mean target, {@link #maxFeaturesRegression}
     * features per split) to {@code rows} and finite {@code targets}.
     */
    public RandomForest fitRegression(float[][] rows, double[] targets, Runnable treeGrown) {
        if (rows.length == 0 || rows.length != targets.length) {
            throw new IllegalArgumentException("need one target per row and at least one row");
        }
        int features = rows[0].length;
        for (int i = 0; i < targets.length; i++) {
            if (!Double.isFinite(targets[i]) || rows[i].length != features) {
                throw new IllegalArgumentException("row " + i + ": target must be finite, features " + features);
            }
        }
        FeatureBins bins = FeatureBins.of(rows, maxBins);
        double[] y = targets.clone();
        return grow(features, () -> new RegressionTreeGrower(bins, y, maxFeaturesRegression(features))::grow,
                treeGrown);
    }

    /** Makes one tree from a generator; each worker gets its own (growers hold scratch arrays). */
    private interface Grower {
        DecisionTree grow(SplittableRandom rng);
    }

    private RandomForest grow(int features, java.util.function.Supplier<Grower> growers, Runnable treeGrown) {
        DecisionTree[] grown = new DecisionTree[trees];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            Grower grower = growers.get();
            for (int t = next.getAndIncrement(); t < trees; t = next.getAndIncrement()) {
                grown[t] = grower.grow(new SplittableRandom(treeSeed(seed, t)));
                treeGrown.run();
            }
        };
        int workers = Math.min(threads, trees);
        if (workers == 1) {
            worker.run();
        } else {
            runOnWorkers(worker, workers);
        }
        return new RandomForest(features, Arrays.asList(grown));
    }

    private static void runOnWorkers(Runnable worker, int workers) {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "forest-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(worker));
            }
            Futures.awaitAll(running, "growing the forest");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The seed of tree {@code tree}: both numbers through a 64-bit finaliser (MurmurHash3's), so
     * neighbouring trees and neighbouring seeds get unrelated generators.
     */
    static long treeSeed(long seed, int tree) {
        return mix(mix(seed) + 0x9E3779B97F4A7C15L * (tree + 1L));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
