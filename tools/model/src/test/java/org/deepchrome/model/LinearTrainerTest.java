package org.deepchrome.model;

import org.deepchrome.core.matrix.GeneMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearTrainerTest {
    /** One informative feature (high when feature 0 is large), one noise feature, zeros included. */
    private static final float[][] ROWS = {{0, 3}, {0.5f, 0}, {1, 2}, {3, 0}, {3.5f, 1}, {4, 0}};
    private static final int[] LABELS = {0, 0, 0, 1, 1, 1};

    @ParameterizedTest
    @EnumSource(value = ModelKind.class, names = {"SVM", "LOGISTIC"})
    void highIsOnThePositiveSideWhicheverLabelComesFirst(ModelKind kind) {
        LinearModel.Parameters p = new LinearTrainer(ROWS, LABELS).fit(kind, 10, 1);
        assertTrue(p.weights()[0] > 0, "weight of the informative feature " + p.weights()[0]);
        // Same genes, high ones first: liblinear's first label is then 1, and the orientation must not change.
        float[][] swapped = {ROWS[3], ROWS[4], ROWS[5], ROWS[0], ROWS[1], ROWS[2]};
        LinearModel.Parameters q = new LinearTrainer(swapped, new int[] {1, 1, 1, 0, 0, 0}).fit(kind, 10, 1);
        assertArrayEquals(p.weights(), q.weights(), 1e-3);
        assertEquals(p.bias(), q.bias(), 1e-3);
    }

    @ParameterizedTest
    @EnumSource(value = ModelKind.class, names = {"SVM", "LOGISTIC"})
    void separatesTheClassesAndScoresInZeroOne(ModelKind kind) {
        GeneMatrix m = matrix();
        LinearModel model = new LinearModel(metadata(kind, m),
                new LinearTrainer(BaselineFeatures.rows(m, InputTransform.NONE), LABELS).fit(kind, 10, 1));
        double[] p = model.probabilityHigh(m);
        assertEquals(1.0, RocAuc.auc(p, LABELS), 0.0, "the data are separable on feature 0");
        for (double x : p) {
            assertTrue(x > 0 && x < 1, "score " + x);
        }
    }

    @Test
    void strongerRegularisationShrinksTheWeights() {
        LinearTrainer trainer = new LinearTrainer(ROWS, LABELS);
        double loose = Math.abs(trainer.fit(ModelKind.LOGISTIC, 100, 1).weights()[0]);
        double tight = Math.abs(trainer.fit(ModelKind.LOGISTIC, 0.01, 1).weights()[0]);
        assertTrue(tight < loose, "C=0.01 weight " + tight + " vs C=100 weight " + loose);
    }

    @Test
    void decisionIsTheWeightedSumPlusBias() {
        GeneMatrix m = matrix();
        LinearModel model = new LinearModel(metadata(ModelKind.LOGISTIC, m),
                new LinearModel.Parameters(new double[] {2, -1}, 0.5));
        assertEquals(2 * 3.5 - 1 * 1 + 0.5, model.decision(new float[] {3.5f, 1}), 1e-12);
        assertEquals(1 / (1 + Math.exp(-(2 * 0 - 3 + 0.5))), model.probabilityHigh(m)[0], 1e-12);
    }

    /** Warm starts along the grid (ascending C) change the path, not the optimum each C has. */
    @Test
    void warmStartedLogisticFitsReachTheColdFitsOptimum() {
        java.util.Random random = new java.util.Random(7);
        float[][] rows = new float[400][30];
        int[] labels = new int[rows.length];
        for (int g = 0; g < rows.length; g++) {
            double score = 0;
            for (int f = 0; f < rows[g].length; f++) {
                rows[g][f] = random.nextDouble() < 0.4 ? 0 : (float) random.nextDouble() * 3;
                score += (f % 3 == 0 ? 1 : -0.3) * rows[g][f];
            }
            labels[g] = score + random.nextGaussian() > 2 ? 1 : 0;
        }
        LinearTrainer warm = new LinearTrainer(rows, labels);
        for (double cost : new double[] {0.001, 0.01, 0.1, 1, 10}) {
            LinearModel.Parameters w = warm.fit(ModelKind.LOGISTIC, cost, 1);
            LinearModel.Parameters c = new LinearTrainer(rows, labels).fit(ModelKind.LOGISTIC, cost, 1);
            double scale = java.util.Arrays.stream(c.weights()).map(Math::abs).max().orElseThrow();
            assertArrayEquals(c.weights(), w.weights(), 0.02 * scale, "C=" + cost);
            assertEquals(c.bias(), w.bias(), 0.02 * Math.max(scale, Math.abs(c.bias())), "C=" + cost);
        }
    }

    /** Six genes, one mark, two bins: bin 1 and bin 2 are the two features of ROWS. */
    static GeneMatrix matrix() {
        List<String> ids = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        for (int g = 0; g < ROWS.length; g++) {
            ids.add("g" + g);
            values.add(ROWS[g].clone());
        }
        return new GeneMatrix(List.of("H3K4me3"), 2, ids, values, LABELS.clone());
    }

    static ModelMetadata metadata(ModelKind kind, GeneMatrix m) {
        return new ModelMetadata(ModelMetadata.FORMAT, kind, m.marks(), m.bins(), InputTransform.NONE, 1, "test", 1,
                0.5, Map.of(), Map.of());
    }
}
