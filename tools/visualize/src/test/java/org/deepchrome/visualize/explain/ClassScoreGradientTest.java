package org.deepchrome.visualize.explain;

import org.deepchrome.model.CnnArchitecture;
import org.deepchrome.model.Optimizer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The input gradient DL4J backpropagates for us, checked against finite differences of the class scores. */
class ClassScoreGradientTest {
    private static final int MARKS = 5;
    private static final int BINS = 100;
    private static MultiLayerNetwork network;
    private static INDArray input;

    @BeforeAll
    static void buildNetwork() {
        // The paper's architecture with its random initial weights: enough to exercise every layer.
        network = CnnArchitecture.build(MARKS, BINS, 7, Optimizer.ADAM, 0.001);
        Random random = new Random(11);
        double[] values = new double[3 * MARKS * BINS];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.log1p(random.nextInt(20)); // like log1p read counts
        }
        input = Nd4j.createFromArray(values).reshape(3, MARKS, BINS);
    }

    @Test
    void softmaxOfScoresIsTheNetworksOutput() {
        ClassScoreGradient gradient = new ClassScoreGradient(network, DataType.DOUBLE);
        INDArray scores = gradient.scores(input);
        INDArray probabilities = network.output(input.castTo(DataType.FLOAT), false).castTo(DataType.DOUBLE);
        INDArray softmax = Transforms.softmax(scores, true);
        assertArrayEquals(probabilities.toDoubleMatrix()[0], softmax.toDoubleMatrix()[0], 1e-5);
        assertArrayEquals(probabilities.toDoubleMatrix()[2], softmax.toDoubleMatrix()[2], 1e-5);
    }

    @Test
    void gradientMatchesCentralFiniteDifferences() {
        ClassScoreGradient gradient = new ClassScoreGradient(network, DataType.DOUBLE);
        double h = 1e-5;
        Random pick = new Random(3);
        for (int c = 0; c < 2; c++) {
            INDArray analytic = gradient.gradient(input, gradient.oneHot(3, c));
            assertTrue(analytic.norm2Number().doubleValue() > 1e-6, "gradient of class " + c + " is all zeros");
            for (int k = 0; k < 40; k++) {
                int gene = pick.nextInt(3);
                int mark = pick.nextInt(MARKS);
                int bin = pick.nextInt(BINS);
                INDArray plus = input.dup();
                plus.putScalar(new int[] {gene, mark, bin}, input.getDouble(gene, mark, bin) + h);
                INDArray minus = input.dup();
                minus.putScalar(new int[] {gene, mark, bin}, input.getDouble(gene, mark, bin) - h);
                double numeric = (gradient.scores(plus).getDouble(gene, c) - gradient.scores(minus).getDouble(gene, c))
                        / (2 * h);
                double got = analytic.getDouble(gene, mark, bin);
                assertEquals(numeric, got, 1e-6 + 1e-4 * Math.abs(numeric),
                        "class " + c + " gene " + gene + " mark " + mark + " bin " + bin);
            }
        }
    }

    @Test
    void gradientOfOneGeneDoesNotDependOnTheOthersInTheBatch() {
        ClassScoreGradient gradient = new ClassScoreGradient(network, DataType.DOUBLE);
        INDArray batch = gradient.gradient(input, gradient.oneHot(3, 1));
        INDArray alone = gradient.gradient(input.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2)),
                gradient.oneHot(1, 1));
        assertArrayEquals(batch.slice(1).toDoubleMatrix()[0], alone.slice(0).toDoubleMatrix()[0], 1e-12);
    }

    @Test
    void singlePrecisionGradientAgreesWithDoublePrecision() {
        INDArray exact = new ClassScoreGradient(network, DataType.DOUBLE).gradient(input,
                Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {-1, 1}}));
        ClassScoreGradient single = new ClassScoreGradient(network);
        assertEquals(DataType.FLOAT, single.dataType());
        INDArray approx = single.gradient(input, Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {-1, 1}}));
        double relative = exact.sub(approx).norm2Number().doubleValue() / exact.norm2Number().doubleValue();
        assertTrue(relative < 1e-4, "float and double gradients differ by " + relative);
    }

    @Test
    void dropoutPlaysNoPartSoRepeatedCallsAgree() {
        ClassScoreGradient gradient = new ClassScoreGradient(network);
        INDArray first = gradient.gradient(input, gradient.oneHot(3, 0));
        INDArray second = gradient.gradient(input, gradient.oneHot(3, 0));
        assertEquals(first, second);
    }
}
