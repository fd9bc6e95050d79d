package org.deepchrome.model.kernel;

import org.deepchrome.model.Optimizer;

import java.util.SplittableRandom;

/**
 * Minibatch gradient descent on {@link CnnParameters} with {@link CnnKernel}: one call of
 * {@link #epoch} is one pass over the training genes in a given order. The dropout masks come
 * from a generator seeded once, so a seed fixes the whole run.
 *
 * <p>Steps run on the calling thread with single-threaded products: a minibatch's products are
 * too small to share (on 2 threads an E012 epoch took 0.76 s against 0.44 s on one).
 */
public final class CnnTraining {
    private final CnnParameters parameters;
    private final CnnParameters gradients;
    private final CnnKernel kernel;
    private final GradientStep step;
    private final SplittableRandom dropout;
    private final int batchSize;
    private final float[] batchInput;
    private final int[] batchLabels;
    private final float[] batchTargets;

    public CnnTraining(CnnParameters parameters, Optimizer optimizer, double learningRate, int batchSize, long seed) {
        this.parameters = parameters;
        this.gradients = CnnParameters.zerosLike(parameters);
        this.kernel = new CnnKernel(parameters, batchSize);
        this.step = GradientStep.of(optimizer, learningRate, parameters);
        this.dropout = new SplittableRandom(seed);
        this.batchSize = batchSize;
        this.batchInput = new float[batchSize * parameters.marks() * parameters.bins()];
        this.batchLabels = new int[batchSize];
        this.batchTargets = new float[batchSize];
    }

    /** Called after each minibatch (for progress bars). */
    public interface BatchListener {
        void batchDone();
    }

    /**
     * One pass over {@code order} (gene indices into {@code inputs}/{@code labels}) in
     * minibatches of the batch size; returns the mean training loss over the genes, or the
     * first loss that is not finite as soon as a minibatch gives one: the run has diverged and
     * further steps would only spread NaN.
     */
    public double epoch(float[] inputs, int[] labels, int[] order, BatchListener listener) {
        return epoch(inputs, labels, null, order, listener);
    }

    /** The same for a regression network: {@code targets} are the (transformed) levels, loss is MSE. */
    public double epoch(float[] inputs, float[] targets, int[] order, BatchListener listener) {
        return epoch(inputs, null, targets, order, listener);
    }

    private double epoch(float[] inputs, int[] labels, float[] targets, int[] order, BatchListener listener) {
        Sgemm.setThreads(1);
        int perGene = parameters.marks() * parameters.bins();
        double lossSum = 0;
        for (int from = 0; from < order.length; from += batchSize) {
            int n = Math.min(batchSize, order.length - from);
            for (int i = 0; i < n; i++) {
                int gene = order[from + i];
                System.arraycopy(inputs, gene * perGene, batchInput, i * perGene, perGene);
                if (labels != null) {
                    batchLabels[i] = labels[gene];
                } else {
                    batchTargets[i] = targets[gene];
                }
            }
            kernel.forward(batchInput, 0, n, dropout);
            double loss = labels != null ? kernel.backward(batchLabels, 0, gradients)
                    : kernel.backward(batchTargets, 0, gradients);
            if (!Double.isFinite(loss)) {
                return loss;
            }
            lossSum += loss * n;
            step.apply(parameters, gradients);
            if (listener != null) {
                listener.batchDone();
            }
        }
        return lossSum / order.length;
    }

    public CnnParameters parameters() {
        return parameters;
    }
}
