package org.deepchrome.model.forest;

import org.deepchrome.model.RegressionMetrics;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegressionForestTest {
    /** y = 3 x2 − 2 x7 + N(0, 0.5) among ten uniform [0, 4) features. */
    private static double[][] make(int n, long seed, float[][] rows) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[n];
        double[] clean = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i] = new float[10];
            for (int f = 0; f < 10; f++) {
                rows[i][f] = (float) (r.nextDouble() * 4);
            }
            clean[i] = 3 * rows[i][2] - 2 * rows[i][7];
            y[i] = clean[i] + r.nextGaussian() * 0.5;
        }
        return new double[][] {y, clean};
    }

    /**
     * Held-out r: the noise alone caps it at sd(signal)/sd(y) = √(13·4/3)/√(13·4/3 + 0.25) ≈ 0.993;
     * piecewise-constant trees on 600 samples get well above 0.9.
     */
    @Test
    void learnsHeldOutData() {
        float[][] train = new float[600][];
        double[] y = make(600, 1, train)[0];
        float[][] test = new float[400][];
        double[] clean = make(400, 2, test)[1];
        AtomicInteger grown = new AtomicInteger();
        RandomForest forest = new ForestTrainer(50, 3, 2, ForestTrainer.DEFAULT_MAX_BINS)
                .fitRegression(train, y, grown::incrementAndGet);
        assertEquals(50, grown.get());
        double[] predicted = new double[test.length];
        for (int i = 0; i < test.length; i++) {
            predicted[i] = forest.probabilityHigh(test[i]);
        }
        double r = RegressionMetrics.pearson(predicted, clean);
        assertTrue(r > 0.93, "held-out r " + r);
    }

    @Test
    void leavesHoldMeanTargetsAndTreesAreSeeded() {
        float[][] rows = new float[80][];
        double[] y = make(80, 5, rows)[0];
        RandomForest a = new ForestTrainer(5, 9, 1, 256).fitRegression(rows, y, () -> { });
        RandomForest b = new ForestTrainer(5, 9, 2, 256).fitRegression(rows, y, () -> { });
        for (float[] row : rows) {
            assertEquals(a.probabilityHigh(row), b.probabilityHigh(row), 0.0, "thread count changes nothing");
        }
        double min = java.util.Arrays.stream(y).min().orElseThrow();
        double max = java.util.Arrays.stream(y).max().orElseThrow();
        for (float[] row : rows) {
            double p = a.probabilityHigh(row);
            assertTrue(p >= min - 1e-6 && p <= max + 1e-6, "a mean of leaf means stays within the targets");
        }
        RandomForest other = new ForestTrainer(5, 10, 1, 256).fitRegression(rows, y, () -> { });
        boolean differs = false;
        for (float[] row : rows) {
            differs |= a.probabilityHigh(row) != other.probabilityHigh(row);
        }
        assertTrue(differs, "another seed grows other trees");
    }

    @Test
    void formatKeepsLeafLevelsAndRefusesThemAsProbabilities() throws IOException {
        float[][] rows = new float[60][];
        double[] y = make(60, 6, rows)[0];
        for (int i = 0; i < y.length; i++) {
            y[i] += 20; // levels far outside [0, 1]
        }
        RandomForest forest = new ForestTrainer(3, 1, 1, 256).fitRegression(rows, y, () -> { });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ForestFormat.write(forest, bytes);
        RandomForest back = ForestFormat.read(bytes.toByteArray(), true);
        assertEquals(forest.probabilityHigh(rows[0]), back.probabilityHigh(rows[0]), 0.0);
        assertThrows(IOException.class, () -> ForestFormat.read(bytes.toByteArray(), false));
    }
}
