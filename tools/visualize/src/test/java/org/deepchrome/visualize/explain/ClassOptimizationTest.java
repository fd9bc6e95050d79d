package org.deepchrome.visualize.explain;

import org.deepchrome.core.cli.Progress;
import org.deepchrome.model.CnnArchitecture;
import org.deepchrome.model.Optimizer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassOptimizationTest {
    private static final int MARKS = 5;
    private static final int BINS = 100;

    private static double objective(ClassScoreGradient g, double[][] map, int c, double lambda) {
        INDArray x = Nd4j.createFromArray(map).reshape(1, MARKS, BINS);
        double score = g.scores(x).getDouble(0, c);
        return score - lambda * x.mul(x).sumNumber().doubleValue();
    }

    @Test
    void ascentRaisesTheRegularisedScoreOfEachClassAboveTheStartAtZero() {
        MultiLayerNetwork network = CnnArchitecture.build(MARKS, BINS, 5, Optimizer.ADAM, 0.001);
        ClassScoreGradient g = new ClassScoreGradient(network, DataType.DOUBLE);
        double lambda = 0.01;
        ClassOptimization.Result result = new ClassOptimization(lambda, 1.0, 100, 1e-4, 1)
                .run(g, MARKS, BINS, new Progress("test", 100, true));
        double[][] zeros = new double[MARKS][BINS];
        for (int c = 0; c < 2; c++) {
            double start = objective(g, zeros, c, lambda);
            double end = objective(g, result.maps()[c], c, lambda);
            assertTrue(end > start + 1e-3, "class " + c + ": objective " + start + " -> " + end);
            assertEquals(g.scores(Nd4j.createFromArray(result.maps()[c]).reshape(1, MARKS, BINS)).getDouble(0, c),
                    result.scores()[c], 1e-9);
        }
    }

    @Test
    void theMapIsAMaximumAlongItsOwnDirection() {
        // At a maximum of f(X) = S_c(X) - λ‖X‖², shrinking or growing the map must not raise f.
        MultiLayerNetwork network = CnnArchitecture.build(MARKS, BINS, 9, Optimizer.ADAM, 0.001);
        ClassScoreGradient g = new ClassScoreGradient(network, DataType.DOUBLE);
        double lambda = 0.05;
        ClassOptimization.Result result = new ClassOptimization(lambda, 1.0, 150, 1e-4, 1)
                .run(g, MARKS, BINS, new Progress("test", 150, true));
        for (int c = 0; c < 2; c++) {
            double[][] map = result.maps()[c];
            double at = objective(g, map, c, lambda);
            for (double t : new double[] {0.5, 0.8, 1.25, 2}) {
                double[][] scaled = new double[MARKS][BINS];
                for (int m = 0; m < MARKS; m++) {
                    for (int b = 0; b < BINS; b++) {
                        scaled[m][b] = t * map[m][b];
                    }
                }
                double there = objective(g, scaled, c, lambda);
                assertTrue(at >= there - 1e-6, "class " + c + ": f(X) " + at + " < f(" + t + "X) " + there);
            }
        }
    }

    @Test
    void sameSettingsGiveTheSameNumbers() {
        MultiLayerNetwork network = CnnArchitecture.build(MARKS, BINS, 5, Optimizer.ADAM, 0.001);
        ClassOptimization optimization = new ClassOptimization(0.01, 0.5, 50, 1e-4, 1);
        double[][][] first = optimization.run(new ClassScoreGradient(network), MARKS, BINS,
                new Progress("test", 50, true)).maps();
        double[][][] second = optimization.run(new ClassScoreGradient(network), MARKS, BINS,
                new Progress("test", 50, true)).maps();
        for (int c = 0; c < 2; c++) {
            for (int m = 0; m < MARKS; m++) {
                assertArrayEquals(first[c][m], second[c][m], 0.0);
            }
        }
    }
}
