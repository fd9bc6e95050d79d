package org.deepchrome.model.kernel;

import org.deepchrome.model.CnnArchitecture;
import org.deepchrome.model.Optimizer;
import org.deepchrome.model.Task;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel against DL4J itself: same weights, same input → same probabilities, loss and gradients. */
class CnnKernelTest {
    private static final int MARKS = 5;
    private static final int BINS = 100;

    @Test
    void forwardPassGivesDl4jsProbabilities() {
        MultiLayerNetwork net = CnnArchitecture.build(MARKS, BINS, 11, Optimizer.ADAM, 1e-3);
        int genes = 37;
        float[] x = randomInput(genes, 5);
        INDArray expected = net.output(Nd4j.create(x, new long[] {genes, MARKS, BINS}, 'c'), false);
        CnnKernel kernel = new CnnKernel(CnnParameters.fromNetwork(net, MARKS, BINS), 64);
        kernel.forward(x, 0, genes, null);
        for (int g = 0; g < genes; g++) {
            for (int c = 0; c < 2; c++) {
                assertEquals(expected.getFloat(g, c), kernel.probability(g, c), 2e-6, "gene " + g + " class " + c);
            }
        }
    }

    @Test
    void forwardPassReadsGenesFromAnOffset() {
        MultiLayerNetwork net = CnnArchitecture.build(MARKS, BINS, 2, Optimizer.ADAM, 1e-3);
        float[] x = randomInput(10, 6);
        CnnKernel kernel = new CnnKernel(CnnParameters.fromNetwork(net, MARKS, BINS), 10);
        kernel.forward(x, 0, 10, null);
        float seventh = kernel.probability(7, 1);
        kernel.forward(x, 7, 3, null);
        assertEquals(seventh, kernel.probability(0, 1), 1e-7);
    }

    @Test
    void gradientsAndLossAreDl4jsWithoutDropout() {
        MultiLayerNetwork trained = CnnArchitecture.build(MARKS, BINS, 3, Optimizer.ADAM, 1e-3);
        MultiLayerNetwork net = withoutDropout(trained);
        int genes = 24;
        float[] x = randomInput(genes, 7);
        int[] labels = new int[genes];
        float[] oneHot = new float[genes * 2];
        for (int g = 0; g < genes; g++) {
            labels[g] = (g * 7) % 3 == 0 ? 1 : 0;
            oneHot[g * 2 + labels[g]] = 1f;
        }
        net.setInput(Nd4j.create(x, new long[] {genes, MARKS, BINS}, 'c'));
        net.setLabels(Nd4j.create(oneHot, new long[] {genes, 2}, 'c'));
        net.computeGradientAndScore();
        Gradient expected = net.gradient();

        CnnParameters params = CnnParameters.fromNetwork(net, MARKS, BINS);
        CnnParameters gradients = CnnParameters.zeros(MARKS, BINS);
        CnnKernel kernel = new CnnKernel(params, genes);
        kernel.forward(x, 0, genes, null);
        double loss = kernel.backward(labels, 0, gradients);
        assertEquals(net.score(), loss, 1e-5);
        assertGradientsEqual(expected, gradients, genes);
    }

    private static void assertGradientsEqual(Gradient expected, CnnParameters gradients, int genes) {
        for (int t = 0; t < CnnParameters.KEYS.length; t++) {
            float[] want = expected.getGradientFor(CnnParameters.KEYS[t]).dup('c').data().asFloat();
            // DL4J's gradient is summed over the minibatch; its updater divides by the batch size later.
            for (int i = 0; i < want.length; i++) {
                want[i] /= genes;
            }
            float[] got = gradients.toDl4j(t);
            assertEquals(want.length, got.length, CnnParameters.KEYS[t]);
            double scale = 0;
            for (float w : want) {
                scale = Math.max(scale, Math.abs(w));
            }
            assertTrue(scale > 0, "DL4J gradient of " + CnnParameters.KEYS[t] + " is all zero: the test would be empty");
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-4 * scale, CnnParameters.KEYS[t] + "[" + i + "]");
            }
        }
    }

    @Test
    void regressionForwardPassGivesDl4jsLinearOutput() {
        MultiLayerNetwork net = CnnArchitecture.build(MARKS, BINS, 13, Optimizer.ADAM, 1e-3, Task.REGRESSION);
        int genes = 29;
        float[] x = randomInput(genes, 15);
        INDArray expected = net.output(Nd4j.create(x, new long[] {genes, MARKS, BINS}, 'c'), false);
        assertEquals(1, expected.size(1), "the regression network has one output");
        CnnKernel kernel = new CnnKernel(CnnParameters.fromNetwork(net, MARKS, BINS), 64);
        double[] got = kernel.probabilityHigh(x, genes);
        double spread = 0;
        for (int g = 0; g < genes; g++) {
            assertEquals(expected.getFloat(g, 0), got[g], 2e-5, "gene " + g);
            spread = Math.max(spread, Math.abs(got[g] - got[0]));
        }
        assertTrue(spread > 1e-4, "outputs differ between genes: a constant output would make the test empty");
    }

    /** The regression head on DL4J's OutputLayer(IDENTITY, MSE): loss and every gradient, same weights. */
    @Test
    void regressionGradientsAndLossAreDl4jsMse() {
        MultiLayerNetwork net = withoutDropout(
                CnnArchitecture.build(MARKS, BINS, 14, Optimizer.ADAM, 1e-3, Task.REGRESSION));
        int genes = 24;
        float[] x = randomInput(genes, 16);
        float[] targets = new float[genes];
        for (int g = 0; g < genes; g++) {
            targets[g] = (float) Math.log1p((g * 37) % 11); // levels on the log1p scale, as train gives them
        }
        net.setInput(Nd4j.create(x, new long[] {genes, MARKS, BINS}, 'c'));
        net.setLabels(Nd4j.create(targets, new long[] {genes, 1}, 'c'));
        net.computeGradientAndScore();
        Gradient expected = net.gradient();

        CnnParameters params = CnnParameters.fromNetwork(net, MARKS, BINS);
        assertEquals(1, params.outputs());
        CnnParameters gradients = CnnParameters.zerosLike(params);
        CnnKernel kernel = new CnnKernel(params, genes);
        kernel.forward(x, 0, genes, null);
        double loss = kernel.backward(targets, 0, gradients);
        assertEquals(net.score(), loss, 1e-5 * Math.max(1, net.score()));
        assertGradientsEqual(expected, gradients, genes);
    }

    @Test
    void dropoutIsSeededAndScalesKeptUnits() {
        MultiLayerNetwork net = CnnArchitecture.build(MARKS, BINS, 4, Optimizer.ADAM, 1e-3);
        float[] x = randomInput(16, 8);
        CnnKernel kernel = new CnnKernel(CnnParameters.fromNetwork(net, MARKS, BINS), 16);
        kernel.forward(x, 0, 16, new SplittableRandom(9));
        float a = kernel.probability(3, 1);
        kernel.forward(x, 0, 16, new SplittableRandom(9));
        assertEquals(a, kernel.probability(3, 1), 0f);
        kernel.forward(x, 0, 16, new SplittableRandom(10));
        float other = kernel.probability(3, 1);
        kernel.forward(x, 0, 16, null);
        assertNotEquals(a, kernel.probability(3, 1));
        assertNotEquals(a, other);
    }

    @Test
    void weightsRoundTripThroughTheDl4jNetwork() {
        MultiLayerNetwork a = CnnArchitecture.build(MARKS, BINS, 5, Optimizer.ADAM, 1e-3);
        MultiLayerNetwork b = CnnArchitecture.build(MARKS, BINS, 6, Optimizer.ADAM, 1e-3);
        assertNotEquals(a.params(), b.params());
        CnnParameters.fromNetwork(a, MARKS, BINS).copyInto(b);
        assertEquals(a.params(), b.params());
    }

    @Test
    void eachUpdateRuleMatchesDl4jsUpdater() {
        for (Optimizer optimizer : Optimizer.values()) {
            CnnParameters params = CnnParameters.fromNetwork(
                    CnnArchitecture.build(2, 20, 12, optimizer, 0.01), 2, 20);
            INDArray reference = Nd4j.create(concat(params.tensors()));
            IUpdater config = optimizer.updater(0.01);
            long stateSize = config.stateSize(reference.length());
            GradientUpdater<?> updater = config.instantiate(
                    stateSize == 0 ? null : Nd4j.zeros(DataType.FLOAT, 1, stateSize), true);
            GradientStep step = GradientStep.of(optimizer, 0.01, params);
            Random r = new Random(13);
            for (int iteration = 0; iteration < 3; iteration++) {
                CnnParameters gradients = CnnParameters.zeros(2, 20);
                for (float[] t : gradients.tensors()) {
                    for (int i = 0; i < t.length; i++) {
                        t[i] = (float) r.nextGaussian() * 0.1f;
                    }
                }
                step.apply(params, gradients);
                // DL4J's updater turns the gradient into the update in place; subtracting it is the step.
                INDArray update = Nd4j.create(concat(gradients.tensors()));
                updater.applyUpdater(update, iteration, 0);
                reference.subi(update);
            }
            float[] want = reference.data().asFloat();
            float[] got = concat(params.tensors());
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-6, optimizer + " parameter " + i);
            }
        }
    }

    private static float[] concat(float[][] tensors) {
        int n = 0;
        for (float[] t : tensors) {
            n += t.length;
        }
        float[] all = new float[n];
        int at = 0;
        for (float[] t : tensors) {
            System.arraycopy(t, 0, all, at, t.length);
            at += t.length;
        }
        return all;
    }

    private static MultiLayerNetwork withoutDropout(MultiLayerNetwork trained) {
        MultiLayerConfiguration conf = trained.getLayerWiseConfigurations().clone();
        for (NeuralNetConfiguration layer : conf.getConfs()) {
            layer.getLayer().setIDropout(null);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init(trained.params().dup(), false);
        return net;
    }

    private static float[] randomInput(int genes, long seed) {
        Random r = new Random(seed);
        float[] x = new float[genes * MARKS * BINS];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.log1p(r.nextInt(30));
        }
        return x;
    }
}
