package org.deepchrome.visualize.explain;

import org.deepchrome.core.cli.Progress;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Class model visualisation (Simonyan, Vedaldi and Zisserman 2013), as DeepChrome uses it:
 * for each class c, gradient ascent on the input X, starting from zeros, of
 * S_c(X) − λ‖X‖²₂, where S_c is the class score before the softmax. The result is the marks ×
 * bins input the network ties most strongly to c, in the network's input space (after the
 * model's transform). All classes are optimised together as one batch, one row per class.
 * <p>
 * The start gets a tiny seeded Gaussian jitter ({@code initNoise}, 0 = exact zeros): at exactly
 * zero a ReLU network whose units all sit at their kink (zero biases) has a zero gradient and the
 * ascent would never move.
 *
 * @param lambda     weight of the L2 penalty; larger keeps the map smaller and smoother
 * @param stepSize   gradient-ascent step
 * @param iterations number of steps
 * @param initNoise  standard deviation of the starting jitter
 * @param seed       seed of the jitter
 */
public record ClassOptimization(double lambda, double stepSize, int iterations, double initNoise, long seed) {
    /** The optimised inputs and their final class scores. {@code maps[c][mark][bin]}. */
    public record Result(double[][][] maps, double[] scores) {
    }

    public Result run(ClassScoreGradient gradient, int marks, int bins, Progress progress) {
        int classes = gradient.classes();
        double[][] eye = new double[classes][classes];
        for (int c = 0; c < classes; c++) {
            eye[c][c] = 1;
        }
        return run(gradient, marks, bins, progress, eye);
    }

    /**
     * The same ascent for any objectives: row k of {@code objectives} weights the network's
     * outputs, and map k maximises Σ_c objectives[k][c]·S_c(X) − λ‖X‖². A regression network
     * (one linear output) gets {{1}, {−1}}: maximise, then minimise, the predicted level.
     * {@link Result#scores()}[k] is that weighted score at the end.
     */
    public Result run(ClassScoreGradient gradient, int marks, int bins, Progress progress, double[][] objectives) {
        int classes = objectives.length;
        INDArray x = Nd4j.zeros(DataType.DOUBLE, classes, marks, bins);
        if (initNoise > 0) {
            java.util.Random random = new java.util.Random(seed);
            for (int c = 0; c < classes; c++) {
                for (int m = 0; m < marks; m++) {
                    for (int b = 0; b < bins; b++) {
                        x.putScalar(new int[] {c, m, b}, initNoise * random.nextGaussian());
                    }
                }
            }
        }
        INDArray select = Nd4j.createFromArray(objectives); // row k asks for ∂(objective k)/∂X_k
        for (int it = 0; it < iterations; it++) {
            INDArray ascent = gradient.gradient(x, select).subi(x.mul(2 * lambda));
            x.addi(ascent.muli(stepSize));
            progress.advance(1);
        }
        INDArray scores = gradient.scores(x);
        double[][][] maps = new double[classes][marks][bins];
        double[] finalScores = new double[classes];
        for (int c = 0; c < classes; c++) {
            for (int m = 0; m < marks; m++) {
                for (int b = 0; b < bins; b++) {
                    maps[c][m][b] = x.getDouble(c, m, b);
                }
            }
            for (int o = 0; o < objectives[c].length; o++) {
                finalScores[c] += objectives[c][o] * scores.getDouble(c, o);
            }
        }
        return new Result(maps, finalScores);
    }
}
