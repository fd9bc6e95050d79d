package org.deepchrome.model.attentive;

import org.deepchrome.core.concurrent.Futures;
import org.deepchrome.model.NativeRuntime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Forward and backward passes of AttentiveChrome (Singh et al., NeurIPS 2017) for a batch of
 * genes: per mark a bidirectional LSTM over the bins and bin attention α, over the marks a
 * bidirectional LSTM and mark attention β, then one linear output, read through a sigmoid
 * (classification, binary cross-entropy) or as is (regression, squared error).
 *
 * <p>Input layout {@code [gene][mark][bin]}, transformed. The ten or so bin-level LSTMs
 * (mark × direction) are independent; with an executor they run as parallel tasks, each
 * writing only its own activations and gradient blocks, so the numbers do not depend on the
 * thread count. A gene's numbers do not depend on the other genes of its batch either.
 *
 * <p>An instance keeps buffers for up to {@code capacity} genes and is not thread-safe.
 */
public final class AttentiveKernel extends AttentiveActivations {
    private ExecutorService executor;

    private final LstmDirection[] binLstm;  // [m * 2 + d]
    private final LstmDirection[] markLstm; // [d]
    private final float[][] binOut;    // [m][b][t][2H]
    private int batch;

    // Backward scratch, allocated on first use.
    private float[][] dBinOut;
    private float[] dMarkVectors;
    private float[] dMarkOut;
    private float[] dSummary;
    private float[][] dInputByDirection; // [d][b][m][t]
    private float[] dLogit;

    public AttentiveKernel(AttentiveParameters parameters, int capacity, boolean regression) {
        super(parameters, capacity, regression);
        binLstm = new LstmDirection[marks * 2];
        for (int m = 0; m < marks; m++) {
            for (int d = 0; d < 2; d++) {
                int l = m * 2 + d;
                binLstm[l] = new LstmDirection(1, H, bins, capacity, d == 1, parameters.binWih[l],
                        parameters.binWhh[l], parameters.binBias[l]);
            }
        }
        markLstm = new LstmDirection[2];
        for (int d = 0; d < 2; d++) {
            markLstm[d] = new LstmDirection(BIN_WIDTH, H2, marks, capacity, d == 1, parameters.markWih[d],
                    parameters.markWhh[d], parameters.markBias[d]);
        }
        binOut = new float[marks][capacity * bins * BIN_WIDTH];
    }

    /** Runs the bin-level LSTMs as parallel tasks on {@code executor} (null: on the calling thread). */
    public void setExecutor(ExecutorService executor) {
        this.executor = executor;
    }

    private LstmDirection.Layout inputLayout(int m) {
        return new LstmDirection.Layout(m * bins, marks * bins, 1);
    }

    /** Forward pass of {@code genes} genes of {@code source} from gene {@code first} on. */
    public void forward(float[] source, int first, int genes) {
        loadInput(source, first, genes, "kernel's capacity");
        batch = genes;
        float[] p = parameters.values();
        LstmDirection.Layout outLayout = new LstmDirection.Layout(0, bins * BIN_WIDTH, BIN_WIDTH);
        parallel(marks * 2, l -> {
            int m = l / 2;
            int d = l % 2;
            binLstm[l].forward(p, genes, input, inputLayout(m), binOut[m],
                    new LstmDirection.Layout(d * H, outLayout.geneStride(), outLayout.stepStride()));
        });
        for (int m = 0; m < marks; m++) {
            for (int b = 0; b < genes; b++) {
                attend(p, parameters.binContext[m], binOut[m], b * bins * BIN_WIDTH, bins, BIN_WIDTH,
                        alpha, (b * marks + m) * bins, markVectors, (b * marks + m) * BIN_WIDTH);
            }
        }
        LstmDirection.Layout vectors = new LstmDirection.Layout(0, marks * BIN_WIDTH, BIN_WIDTH);
        for (int d = 0; d < 2; d++) {
            markLstm[d].forward(p, genes, markVectors, vectors, markOut,
                    new LstmDirection.Layout(d * H2, marks * MARK_WIDTH, MARK_WIDTH));
        }
        for (int b = 0; b < genes; b++) {
            attend(p, parameters.markContext, markOut, b * marks * MARK_WIDTH, marks, MARK_WIDTH, beta, b * marks,
                    summary, b * MARK_WIDTH);
            float z = p[parameters.outBias];
            for (int k = 0; k < MARK_WIDTH; k++) {
                z += summary[b * MARK_WIDTH + k] * p[parameters.outWeight + k];
            }
            logit[b] = z;
        }
    }

    /**
     * Attention over {@code steps} vectors of {@code width} at {@code h[from..]}: weights
     * softmax(h_t · v) into {@code weights[wAt..]}, their weighted sum into {@code out[oAt..]}.
     */
    private static void attend(float[] p, int v, float[] h, int from, int steps, int width, float[] weights, int wAt,
                               float[] out, int oAt) {
        float max = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < steps; t++) {
            float e = 0f;
            int at = from + t * width;
            for (int k = 0; k < width; k++) {
                e += h[at + k] * p[v + k];
            }
            weights[wAt + t] = e;
            max = Math.max(max, e);
        }
        double sum = 0;
        for (int t = 0; t < steps; t++) {
            float e = (float) Math.exp(weights[wAt + t] - max);
            weights[wAt + t] = e;
            sum += e;
        }
        float inv = (float) (1 / sum);
        Arrays.fill(out, oAt, oAt + width, 0f);
        for (int t = 0; t < steps; t++) {
            float a = weights[wAt + t] * inv;
            weights[wAt + t] = a;
            int at = from + t * width;
            for (int k = 0; k < width; k++) {
                out[oAt + k] += a * h[at + k];
            }
        }
    }

    /** Backward of {@link #attend}: adds to {@code dH} and to the context vector's gradient. */
    private static void attendBackward(float[] p, float[] grad, int v, float[] h, float[] dH, int from, int steps,
                                       int width, float[] weights, int wAt, float[] dOut, int oAt) {
        float dot = 0f;
        float[] dWeight = new float[steps];
        for (int t = 0; t < steps; t++) {
            float da = 0f;
            int at = from + t * width;
            for (int k = 0; k < width; k++) {
                da += dOut[oAt + k] * h[at + k];
            }
            dWeight[t] = da;
            dot += weights[wAt + t] * da;
        }
        for (int t = 0; t < steps; t++) {
            float a = weights[wAt + t];
            float de = a * (dWeight[t] - dot);
            int at = from + t * width;
            for (int k = 0; k < width; k++) {
                dH[at + k] += a * dOut[oAt + k] + de * p[v + k];
                grad[v + k] += de * h[at + k];
            }
        }
    }

    public float logit(int i) {
        return logit[i];
    }

    /**
     * Loss of the last forward pass against {@code targets[first..]} (0/1 labels, or values for
     * regression), averaged over the batch, and its gradient into {@code gradients}.
     */
    public double backward(float[] targets, int first, AttentiveParameters gradients) {
        double loss = lossGradient(targets, first);
        backwardFrom(dLogit, gradients, null);
        return loss;
    }

    /** The mean loss of the last forward pass, leaving d(loss)/d(logit) in dLogit. */
    public double lossGradient(float[] targets, int first) {
        int genes = batch;
        if (dLogit == null) {
            dLogit = new float[capacity];
        }
        double loss = 0;
        for (int b = 0; b < genes; b++) {
            float z = logit[b];
            float y = targets[first + b];
            if (regression) {
                float e = z - y;
                loss += (double) e * e;
                dLogit[b] = 2 * e / genes;
            } else {
                // −log σ(z)·y − log(1−σ(z))·(1−y), stably: max(z,0) − z·y + log(1 + e^−|z|).
                loss += Math.max(z, 0) - (double) z * y + Math.log1p(Math.exp(-Math.abs(z)));
                dLogit[b] = (LstmDirection.sigmoid(z) - y) / genes;
            }
        }
        return loss / genes;
    }

    /**
     * Backward pass from {@code dLogit[b]} (gradient of whatever is being differentiated with
     * respect to each gene's logit): parameter gradients into {@code gradients} (overwritten),
     * and when {@code dInput} is not null the input gradient {@code [b][m][t]} into it.
     */
    public void backwardFrom(float[] dLogitIn, AttentiveParameters gradients, float[] dInput) {
        int genes = batch;
        if (genes == 0) {
            throw new IllegalStateException("backward needs a preceding forward pass");
        }
        if (dBinOut == null) {
            NativeRuntime.loadNative(); // the backward pass uses oneDNN's sgemm (inference needs no native code)
            dBinOut = new float[marks][capacity * bins * BIN_WIDTH];
            dMarkVectors = new float[capacity * marks * BIN_WIDTH];
            dMarkOut = new float[capacity * marks * MARK_WIDTH];
            dSummary = new float[capacity * MARK_WIDTH];
        }
        float[] p = parameters.values();
        gradients.clear();
        float[] g = gradients.values();
        Arrays.fill(dMarkOut, 0f);
        for (int b = 0; b < genes; b++) {
            float dl = dLogitIn[b];
            g[parameters.outBias] += dl;
            for (int k = 0; k < MARK_WIDTH; k++) {
                g[parameters.outWeight + k] += dl * summary[b * MARK_WIDTH + k];
                dSummary[b * MARK_WIDTH + k] = dl * p[parameters.outWeight + k];
            }
            attendBackward(p, g, parameters.markContext, markOut, dMarkOut, b * marks * MARK_WIDTH, marks, MARK_WIDTH,
                    beta, b * marks, dSummary, b * MARK_WIDTH);
        }
        Arrays.fill(dMarkVectors, 0f);
        LstmDirection.Layout vectors = new LstmDirection.Layout(0, marks * BIN_WIDTH, BIN_WIDTH);
        for (int d = 0; d < 2; d++) {
            markLstm[d].backward(p, g, genes, markVectors, vectors, markOut,
                    new LstmDirection.Layout(d * H2, marks * MARK_WIDTH, MARK_WIDTH), dMarkOut, dMarkVectors);
            markLstm[d].addRecurrentWeightGradient(g);
        }
        for (int m = 0; m < marks; m++) {
            Arrays.fill(dBinOut[m], 0f);
            for (int b = 0; b < genes; b++) {
                attendBackward(p, g, parameters.binContext[m], binOut[m], dBinOut[m], b * bins * BIN_WIDTH, bins,
                        BIN_WIDTH, alpha, (b * marks + m) * bins, dMarkVectors, (b * marks + m) * BIN_WIDTH);
            }
        }
        if (dInput != null && dInputByDirection == null) {
            dInputByDirection = new float[2][capacity * marks * bins];
        }
        if (dInput != null) {
            Arrays.fill(dInputByDirection[0], 0f);
            Arrays.fill(dInputByDirection[1], 0f);
        }
        parallel(marks * 2, l -> {
            int m = l / 2;
            int d = l % 2;
            // Each direction adds its input gradient into its own buffer: the two run in parallel.
            binLstm[l].backward(p, g, genes, input, inputLayout(m), binOut[m],
                    new LstmDirection.Layout(d * H, bins * BIN_WIDTH, BIN_WIDTH), dBinOut[m],
                    dInput == null ? null : dInputByDirection[d]);
            binLstm[l].addRecurrentWeightGradient(g);
        });
        if (dInput != null) {
            int n = genes * marks * bins;
            for (int i = 0; i < n; i++) {
                dInput[i] = dInputByDirection[0][i] + dInputByDirection[1][i];
            }
        }
    }

    private void parallel(int tasks, java.util.function.IntConsumer task) {
        if (executor == null) {
            for (int i = 0; i < tasks; i++) {
                task.accept(i);
            }
            return;
        }
        List<Future<?>> running = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            int index = i;
            running.add(executor.submit(() -> task.accept(index)));
        }
        Futures.awaitAll(running, "attentive training");
    }
}
