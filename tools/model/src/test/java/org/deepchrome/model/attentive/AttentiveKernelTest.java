package org.deepchrome.model.attentive;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's gradients against finite differences of its own loss, for every parameter
 * block and for the input, with both heads; attention weights are distributions; threads do
 * not change a single bit.
 */
class AttentiveKernelTest {
    private static final int MARKS = 3;
    private static final int BINS = 7;
    private static final int GENES = 4;

    private static float[] randomInput(int genes, int marks, int bins, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[genes * marks * bins];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 3);
        }
        return x;
    }

    /** Parameters spread wider than at initialisation, so that every gate and attention weight matters. */
    private static AttentiveParameters spread(long seed) {
        AttentiveParameters p = AttentiveParameters.initial(MARKS, BINS, seed);
        float[] v = p.values();
        for (int i = 0; i < v.length; i++) {
            v[i] *= 3;
        }
        return p;
    }

    private static double loss(AttentiveKernel kernel, float[] x, float[] y) {
        kernel.forward(x, 0, GENES);
        return kernel.lossGradient(y, 0);
    }

    private static void checkGradients(boolean regression) {
        AttentiveParameters p = spread(5);
        AttentiveKernel kernel = new AttentiveKernel(p, GENES, regression);
        float[] x = randomInput(GENES, MARKS, BINS, 6);
        float[] y = regression ? new float[] {0.5f, 2f, -1f, 1.5f} : new float[] {1, 0, 0, 1};
        AttentiveParameters grad = AttentiveParameters.zeros(MARKS, BINS);
        kernel.forward(x, 0, GENES);
        kernel.backward(y, 0, grad);
        float[] analytic = grad.values().clone();
        float[] w = p.values();
        SplittableRandom pick = new SplittableRandom(7);
        float eps = 5e-3f;
        for (AttentiveParameters.Block b : p.blocks()) {
            // A few single entries of every block...
            int checks = Math.min(b.length(), 6);
            for (int c = 0; c < checks; c++) {
                int i = b.offset() + (c == 0 ? 0 : pick.nextInt(b.length()));
                float saved = w[i];
                w[i] = saved + eps;
                double up = loss(kernel, x, y);
                w[i] = saved - eps;
                double down = loss(kernel, x, y);
                w[i] = saved;
                double numeric = (up - down) / (2 * eps);
                assertEquals(numeric, analytic[i], 2e-4 + 2e-2 * Math.abs(numeric),
                        b.name() + "[" + (i - b.offset()) + "]");
            }
            // ...and the whole block along its gradient: the directional derivative is |g|².
            double norm2 = 0;
            for (int i = b.offset(); i < b.offset() + b.length(); i++) {
                norm2 += (double) analytic[i] * analytic[i];
            }
            double step = 1e-2 / Math.max(Math.sqrt(norm2), 1e-3);
            float[] saved = w.clone();
            for (int i = b.offset(); i < b.offset() + b.length(); i++) {
                w[i] = (float) (saved[i] + step * analytic[i]);
            }
            double up = loss(kernel, x, y);
            for (int i = b.offset(); i < b.offset() + b.length(); i++) {
                w[i] = (float) (saved[i] - step * analytic[i]);
            }
            double down = loss(kernel, x, y);
            System.arraycopy(saved, 0, w, 0, w.length);
            double directional = (up - down) / (2 * step);
            assertEquals(norm2, directional, 1e-6 + 2e-2 * norm2, b.name() + " along its gradient");
            assertTrue(norm2 > 0, b.name() + " has a zero gradient");
        }
    }

    @Test
    void classificationGradientsMatchFiniteDifferencesForEveryBlock() {
        checkGradients(false);
    }

    @Test
    void regressionGradientsMatchFiniteDifferencesForEveryBlock() {
        checkGradients(true);
    }

    @Test
    void inputGradientMatchesFiniteDifferences() {
        AttentiveParameters p = spread(8);
        AttentiveKernel kernel = new AttentiveKernel(p, GENES, false);
        float[] x = randomInput(GENES, MARKS, BINS, 9);
        kernel.forward(x, 0, GENES);
        float[] seed = {1, -1, 0.5f, 2};
        float[] dInput = new float[x.length];
        kernel.backwardFrom(seed, AttentiveParameters.zeros(MARKS, BINS), dInput);
        float eps = 5e-3f;
        for (int i = 0; i < x.length; i += 5) {
            float saved = x[i];
            x[i] = saved + eps;
            double up = weightedLogits(kernel, x, seed);
            x[i] = saved - eps;
            double down = weightedLogits(kernel, x, seed);
            x[i] = saved;
            double numeric = (up - down) / (2 * eps);
            assertEquals(numeric, dInput[i], 2e-4 + 2e-2 * Math.abs(numeric), "input " + i);
        }
    }

    private static double weightedLogits(AttentiveKernel kernel, float[] x, float[] weights) {
        kernel.forward(x, 0, GENES);
        double s = 0;
        for (int b = 0; b < GENES; b++) {
            s += weights[b] * kernel.logit(b);
        }
        return s;
    }

    @Test
    void attentionWeightsAreDistributionsOverBinsAndOverMarks() {
        AttentiveKernel kernel = new AttentiveKernel(spread(10), GENES, false);
        kernel.forward(randomInput(GENES, MARKS, BINS, 11), 0, GENES);
        boolean uneven = false;
        for (int b = 0; b < GENES; b++) {
            double betaSum = 0;
            for (int m = 0; m < MARKS; m++) {
                double alphaSum = 0;
                for (int t = 0; t < BINS; t++) {
                    float a = kernel.alpha(b, m, t);
                    assertTrue(a > 0 && a < 1, "alpha in (0, 1)");
                    uneven |= Math.abs(a - 1.0 / BINS) > 1e-3;
                    alphaSum += a;
                }
                assertEquals(1.0, alphaSum, 1e-5, "alpha of gene " + b + " mark " + m);
                betaSum += kernel.beta(b, m);
            }
            assertEquals(1.0, betaSum, 1e-5, "beta of gene " + b);
        }
        assertTrue(uneven, "attention is not just uniform");
    }

    @Test
    void aGenesOutputDoesNotDependOnItsBatchOrOnThreads() throws Exception {
        AttentiveParameters p = spread(12);
        int genes = 9;
        float[] x = randomInput(genes, MARKS, BINS, 13);
        AttentiveKernel serial = new AttentiveKernel(p, genes, false);
        serial.forward(x, 0, genes);
        float[] y = new float[genes];
        for (int i = 0; i < genes; i += 2) {
            y[i] = 1;
        }
        AttentiveParameters gSerial = AttentiveParameters.zeros(MARKS, BINS);
        serial.backward(y, 0, gSerial);
        AttentiveKernel single = new AttentiveKernel(p, 3, false);
        single.forward(x, 5, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(serial.output(5 + i), single.output(i), 0f, "gene " + (5 + i) + " in another batch");
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            AttentiveKernel parallel = new AttentiveKernel(p, genes, false);
            parallel.setExecutor(pool);
            parallel.forward(x, 0, genes);
            AttentiveParameters gParallel = AttentiveParameters.zeros(MARKS, BINS);
            parallel.backward(y, 0, gParallel);
            for (int i = 0; i < genes; i++) {
                assertEquals(serial.output(i), parallel.output(i), 0f);
            }
            assertArrayEquals(gSerial.values(), gParallel.values(), 0f);
        } finally {
            pool.shutdown();
        }
    }
}
