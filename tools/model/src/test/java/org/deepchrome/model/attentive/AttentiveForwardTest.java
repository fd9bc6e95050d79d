package org.deepchrome.model.attentive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inference forward pass against the training kernel's (exact activations, the reference the
 * gradients are checked with): same outputs and attention to float rounding, for both heads;
 * independent of chunk and threads; and its tanh against Math.tanh.
 */
class AttentiveForwardTest {
    private static float[] randomInput(int genes, int marks, int bins, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[genes * marks * bins];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 4); // log1p of counts up to ~50
        }
        return x;
    }

    /** Wider than at initialisation (×3): gates saturate and attention is far from uniform. */
    private static AttentiveParameters spread(int marks, int bins, long seed) {
        AttentiveParameters p = AttentiveParameters.initial(marks, bins, seed);
        float[] v = p.values();
        for (int i = 0; i < v.length; i++) {
            v[i] *= 3;
        }
        return p;
    }

    @Test
    void tanhIsWithinAFewUlpOfMathTanh() {
        double worst = 0;
        double worstRelative = 0;
        for (int i = -200_000; i <= 200_000; i++) {
            float x = i * 1e-4f;
            double exact = Math.tanh(x);
            double error = Math.abs(AttentiveForward.tanh(x) - exact);
            worst = Math.max(worst, error);
            if (x != 0) {
                worstRelative = Math.max(worstRelative, error / Math.abs(exact));
            }
        }
        // Near ±1 the float ulp is 6e-8; near 0 the relative error is what counts.
        assertTrue(worst < 3e-7, "largest absolute error " + worst);
        assertTrue(worstRelative < 1e-6, "largest relative error " + worstRelative);
        assertEquals(1f, AttentiveForward.tanh(Float.POSITIVE_INFINITY), 6e-8f); // tanh(9) = 1 − 3e-8
        assertEquals(-1f, AttentiveForward.tanh(-1e30f), 6e-8f);
        assertEquals(0f, AttentiveForward.tanh(0f), 0f);
        assertTrue(Float.isNaN(AttentiveForward.tanh(Float.NaN)));
    }

    @ParameterizedTest
    @CsvSource({"3, 7, false", "3, 7, true", "5, 100, false", "5, 100, true", "1, 1, false"})
    void equalsTheTrainingKernelToFloatRounding(int marks, int bins, boolean regression) {
        int genes = 12;
        AttentiveParameters p = spread(marks, bins, 21);
        float[] x = randomInput(genes, marks, bins, 22);
        AttentiveKernel reference = new AttentiveKernel(p, genes, regression);
        reference.forward(x, 0, genes);
        AttentiveForward fast = new AttentiveForward(p, genes, regression);
        fast.forward(x, 0, genes);
        double spreadOfOutputs = 0;
        for (int i = 0; i < genes; i++) {
            float expected = reference.output(i);
            assertEquals(expected, fast.output(i), 1e-5 * Math.max(1, Math.abs(expected)), "output of gene " + i);
            spreadOfOutputs = Math.max(spreadOfOutputs, Math.abs(expected - reference.output(0)));
            for (int m = 0; m < marks; m++) {
                assertEquals(reference.beta(i, m), fast.beta(i, m), 1e-5, "beta " + i + "/" + m);
                for (int t = 0; t < bins; t++) {
                    assertEquals(reference.alpha(i, m, t), fast.alpha(i, m, t), 1e-5, "alpha " + i + "/" + m + "/" + t);
                }
            }
        }
        assertTrue(spreadOfOutputs > 1e-3, "genes differ, so the comparison can fail");
    }

    @Test
    void aGenesNumbersDoNotDependOnItsChunkOrOnThreads() {
        int marks = 4;
        int bins = 30;
        int genes = 75; // not a multiple of the chunk
        AttentiveParameters p = spread(marks, bins, 31);
        float[] x = randomInput(genes, marks, bins, 32);
        AttentiveForward whole = new AttentiveForward(p, genes, false);
        whole.forward(x, 0, genes);
        AttentiveForward part = new AttentiveForward(p, 5, false);
        part.forward(x, 40, 5);
        for (int i = 0; i < 5; i++) {
            assertEquals(whole.output(40 + i), part.output(i), 0f, "gene " + (40 + i) + " in another chunk");
            assertEquals(whole.alpha(40 + i, 3, 17), part.alpha(i, 3, 17), 0f);
        }
        double[] one;
        try (AttentiveInference inference = new AttentiveInference(p, false, 1)) {
            one = inference.outputs(x, genes);
        }
        try (AttentiveInference inference = new AttentiveInference(p, false, 3)) {
            assertArrayEquals(one, inference.outputs(x, genes), 0.0);
        }
        for (int i = 0; i < genes; i++) {
            assertEquals(whole.output(i), one[i], 0.0);
        }
    }

    /** Training validates with one inference object while Adam changes the weights: each run reads them anew. */
    @Test
    void eachRunReadsTheCurrentWeights() {
        int marks = 2;
        int bins = 10;
        AttentiveParameters p = spread(marks, bins, 41);
        float[] x = randomInput(8, marks, bins, 42);
        try (AttentiveInference inference = new AttentiveInference(p, true, 2)) {
            double[] before = inference.outputs(x, 8);
            p.values()[p.outBias] += 1f;
            double[] after = inference.outputs(x, 8);
            assertFalse(java.util.Arrays.equals(before, after));
            for (int i = 0; i < 8; i++) {
                assertEquals(before[i] + 1, after[i], 1e-5, "the output bias moved by 1");
            }
        }
    }
}
