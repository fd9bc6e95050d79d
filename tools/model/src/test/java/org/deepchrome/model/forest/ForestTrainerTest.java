package org.deepchrome.model.forest;

import org.deepchrome.model.RocAuc;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForestTrainerTest {
    /** Two informative features among ten, label noise: a forest should rank held-out samples well. */
    private static final Data TRAIN = Data.make(600, 1);
    private static final Data TEST = Data.make(400, 2);

    record Data(float[][] rows, int[] labels) {
        static Data make(int n, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            float[][] rows = new float[n][10];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                for (int f = 0; f < 10; f++) {
                    rows[i][f] = (float) (r.nextDouble() * 4);
                }
                double signal = rows[i][2] - rows[i][7] + r.nextGaussian();
                labels[i] = signal > 0 ? 1 : 0;
            }
            return new Data(rows, labels);
        }
    }

    @Test
    void learnsHeldOutData() {
        AtomicInteger grown = new AtomicInteger();
        RandomForest forest = new ForestTrainer(30, 1, 1, 256).fit(TRAIN.rows(), TRAIN.labels(), grown::incrementAndGet);
        assertEquals(30, forest.trees().size());
        assertEquals(30, grown.get(), "progress called once per tree");
        double auc = RocAuc.auc(scores(forest, TEST), TEST.labels());
        assertTrue(auc > 0.85, "held-out AUC " + auc);
    }

    @Test
    void sameSeedSameForestWhateverTheThreadCount() throws IOException {
        byte[] one = bytes(new ForestTrainer(12, 7, 1, 256).fit(TRAIN.rows(), TRAIN.labels(), () -> { }));
        byte[] two = bytes(new ForestTrainer(12, 7, 2, 256).fit(TRAIN.rows(), TRAIN.labels(), () -> { }));
        byte[] five = bytes(new ForestTrainer(12, 7, 5, 256).fit(TRAIN.rows(), TRAIN.labels(), () -> { }));
        byte[] otherSeed = bytes(new ForestTrainer(12, 8, 2, 256).fit(TRAIN.rows(), TRAIN.labels(), () -> { }));
        assertArrayEquals(one, two);
        assertArrayEquals(one, five);
        assertFalse(java.util.Arrays.equals(one, otherSeed), "another seed, another forest");
    }

    @Test
    void aTreeDependsOnlyOnTheSeedAndItsIndex() {
        RandomForest small = new ForestTrainer(3, 4, 1, 256).fit(TRAIN.rows(), TRAIN.labels(), () -> { });
        RandomForest large = new ForestTrainer(9, 4, 3, 256).fit(TRAIN.rows(), TRAIN.labels(), () -> { });
        for (int t = 0; t < 3; t++) {
            TreeGrowerTest.assertSameTree(small.trees().get(t), large.trees().get(t));
        }
        assertNotEquals(ForestTrainer.treeSeed(4, 0), ForestTrainer.treeSeed(4, 1));
        assertNotEquals(ForestTrainer.treeSeed(4, 1), ForestTrainer.treeSeed(5, 0));
    }

    @Test
    void triesTheSquareRootOfTheFeatureCount() {
        assertEquals(22, ForestTrainer.maxFeatures(500));
        assertEquals(3, ForestTrainer.maxFeatures(10));
        assertEquals(1, ForestTrainer.maxFeatures(1));
    }

    @Test
    void probabilityIsTheMeanLeafFraction() {
        RandomForest forest = new ForestTrainer(5, 3, 1, 256).fit(TRAIN.rows(), TRAIN.labels(), () -> { });
        float[] x = TEST.rows()[0];
        double sum = 0;
        for (DecisionTree t : forest.trees()) {
            sum += t.probabilityHigh(x);
        }
        assertEquals(sum / 5, forest.probabilityHigh(x), 0.0);
    }

    static double[] scores(RandomForest forest, Data data) {
        double[] p = new double[data.rows().length];
        for (int i = 0; i < p.length; i++) {
            p[i] = forest.probabilityHigh(data.rows()[i]);
        }
        return p;
    }

    static byte[] bytes(RandomForest forest) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ForestFormat.write(forest, out);
        return out.toByteArray();
    }
}
