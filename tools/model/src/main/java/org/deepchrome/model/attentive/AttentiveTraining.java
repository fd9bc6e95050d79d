package org.deepchrome.model.attentive;

import org.deepchrome.model.NativeRuntime;
import org.deepchrome.model.kernel.Sgemm;

import java.util.concurrent.ExecutorService;

/**
 * Minibatch training of {@link AttentiveParameters} with {@link AttentiveKernel}: Adam (PyTorch's
 * rule and defaults: β1 0.9, β2 0.999, ε 1e-8) after clipping the gradient's global L2 norm to
 * {@link #CLIP_NORM}, as the AttentiveChrome code does. One call of {@link #epoch} is one pass
 * over the training genes in a given order; nothing here is random, so the caller's order (from
 * the seed) and the initial weights fix the run.
 */
public final class AttentiveTraining {
    /** Maximum gradient norm (AttentiveChrome's default {@code --clip 1}). */
    public static final double CLIP_NORM = 1.0;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final AttentiveParameters parameters;
    private final AttentiveParameters gradients;
    private final AttentiveKernel kernel;
    private final float[] firstMoment;
    private final float[] secondMoment;
    private final double learningRate;
    private final int batchSize;
    private final float[] batchInput;
    private final float[] batchTargets;
    private int iteration;

    public AttentiveTraining(AttentiveParameters parameters, double learningRate, int batchSize, boolean regression,
                             ExecutorService executor) {
        NativeRuntime.loadNative(); // oneDNN's sgemm (backward pass) needs ND4J's native library loaded first
        this.parameters = parameters;
        this.gradients = AttentiveParameters.zeros(parameters.marks(), parameters.bins());
        this.kernel = new AttentiveKernel(parameters, batchSize, regression);
        kernel.setExecutor(executor);
        this.firstMoment = new float[parameters.values().length];
        this.secondMoment = new float[parameters.values().length];
        this.learningRate = learningRate;
        this.batchSize = batchSize;
        this.batchInput = new float[batchSize * parameters.marks() * parameters.bins()];
        this.batchTargets = new float[batchSize];
    }

    /** Called after each minibatch (for progress bars). */
    public interface BatchListener {
        void batchDone();
    }

    /**
     * One pass over {@code order} (gene indices into {@code inputs}, {@code [gene][mark][bin]},
     * and {@code targets}); returns the mean training loss, or the first loss that is not
     * finite as soon as a minibatch gives one (the run has diverged).
     */
    public double epoch(float[] inputs, float[] targets, int[] order, BatchListener listener) {
        Sgemm.setThreads(1); // one product per LSTM; threads split the LSTMs, and one thread keeps sums in one order
        int perGene = parameters.marks() * parameters.bins();
        double lossSum = 0;
        for (int from = 0; from < order.length; from += batchSize) {
            int n = Math.min(batchSize, order.length - from);
            for (int i = 0; i < n; i++) {
                int gene = order[from + i];
                System.arraycopy(inputs, gene * perGene, batchInput, i * perGene, perGene);
                batchTargets[i] = targets[gene];
            }
            kernel.forward(batchInput, 0, n);
            double loss = kernel.backward(batchTargets, 0, gradients);
            if (!Double.isFinite(loss)) {
                return loss;
            }
            lossSum += loss * n;
            clip();
            step();
            if (listener != null) {
                listener.batchDone();
            }
        }
        return lossSum / order.length;
    }

    private void clip() {
        float[] g = gradients.values();
        double norm2 = 0;
        for (float v : g) {
            norm2 += (double) v * v;
        }
        double norm = Math.sqrt(norm2);
        if (norm > CLIP_NORM) {
            float scale = (float) (CLIP_NORM / (norm + 1e-6)); // PyTorch's clip_grad_norm_ formula
            for (int i = 0; i < g.length; i++) {
                g[i] *= scale;
            }
        }
    }

    private void step() {
        iteration++;
        double correction1 = 1 - Math.pow(BETA1, iteration);
        double correction2 = 1 - Math.pow(BETA2, iteration);
        float stepSize = (float) (learningRate / correction1);
        float root2 = (float) Math.sqrt(correction2);
        float[] w = parameters.values();
        float[] g = gradients.values();
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        float eps = (float) EPSILON;
        for (int i = 0; i < w.length; i++) {
            float gi = g[i];
            float m = b1 * firstMoment[i] + (1 - b1) * gi;
            float v = b2 * secondMoment[i] + (1 - b2) * gi * gi;
            firstMoment[i] = m;
            secondMoment[i] = v;
            w[i] -= stepSize * m / ((float) Math.sqrt(v) / root2 + eps);
        }
    }

    public AttentiveParameters parameters() {
        return parameters;
    }
}
