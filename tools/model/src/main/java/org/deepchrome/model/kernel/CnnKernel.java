package org.deepchrome.model.kernel;

import org.deepchrome.model.CnnArchitecture;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Forward and backward passes of the DeepChrome CNN for a batch of genes, on float arrays,
 * with the matrix products done by oneDNN ({@link Sgemm}). It computes exactly what the
 * DL4J network of {@link CnnArchitecture} computes (tests compare outputs and gradients),
 * without DL4J's per-call cost; the model file stays a DL4J network.
 *
 * <p>Layout: input {@code [gene][mark][bin]}. The convolution is an im2col product
 * {@code [gene·position][kernel·mark] × convW[kernel·mark][filter]}, done for a few genes at a
 * time so its operands stay in cache. Max pooling windows do not overlap, so only the
 * positions a window covers are computed, and bias and ReLU are applied after the maximum
 * (both are monotonic: same result). Pooled features are flattened position-major
 * ({@code p · filters + filter}) so pooling writes them contiguously; {@link CnnParameters}
 * keeps the first dense layer's rows in that order (DL4J's flatten is channel-major).
 *
 * <p>A regression network ({@link CnnParameters#outputs()} = 1) ends in one linear unit instead
 * of the softmax pair, and its backward pass differentiates the mean squared error.
 *
 * <p>An instance keeps scratch buffers for up to {@code capacity} genes and is not thread-safe.
 */
public final class CnnKernel {
    private static final int FILTERS = CnnArchitecture.FILTERS;
    private static final int KERNEL = CnnArchitecture.KERNEL;
    private static final int POOL = CnnArchitecture.POOL;
    private static final int HIDDEN1 = CnnArchitecture.HIDDEN1;
    private static final int HIDDEN2 = CnnArchitecture.HIDDEN2;
    private static final float RETAIN = (float) (1.0 - CnnArchitecture.DROP_PROBABILITY);
    /** Genes per convolution product: its im2col operand (~0.3 MB) stays in cache. */
    private static final int CONV_BLOCK = 16;

    private final CnnParameters parameters;
    private final int marks;
    private final int bins;
    private final int pooled;    // pooled outputs per filter
    private final int used;      // convolution positions covered by pooling windows: pooled · POOL
    private final int window;    // inputs seen by one convolution output: kernel · marks
    private final int features;  // flattened pooled features: filters · pooled
    private final int capacity;
    private final int outputs;   // 2: softmax classes; 1: a linear level (regression)

    // Scratch of one convolution block.
    private final float[] timeMajor; // [bin][mark] of one gene
    private final float[] columns;   // [gene·position][window] im2col of a block
    private final float[] conv;      // [gene·position][filter] of a block, before bias and ReLU
    private final float[] poolMax;   // [p][filter] window maxima of one gene, before bias

    // Activations of the last forward pass.
    private final int[] poolSlot;     // [gene][feature] slot (0..POOL-1) of each window's maximum
    private final float[] dropScale;  // [gene][feature] 0 or 1/retain when dropout was applied
    private final float[] flat;       // [gene][p][filter] pooled after bias and ReLU, then dropout
    private final float[] hidden1;    // [gene][625] after ReLU
    private final float[] hidden2;    // [gene][125] after ReLU
    private final float[] probabilities; // [gene][outputs]: softmax, or the linear output of regression
    private float[] input;            // input of the last forward pass, for the backward pass
    private float[] inputBuffer;      // see inputBuffer()
    private int inputOffset;
    private int batch;
    private boolean dropoutApplied;

    // Gradients of the loss with respect to activations, allocated by the first backward pass.
    private float[] dLogits;
    private float[] dHidden2;
    private float[] dHidden1;
    private float[] dFlat;
    private float[] dConv;

    public CnnKernel(CnnParameters parameters, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.parameters = parameters;
        this.marks = parameters.marks();
        this.bins = parameters.bins();
        this.pooled = CnnArchitecture.pooledLength(bins);
        this.used = pooled * POOL;
        this.window = KERNEL * marks;
        this.features = FILTERS * pooled;
        this.capacity = capacity;
        this.outputs = parameters.outputs();
        timeMajor = new float[bins * marks];
        int block = Math.min(capacity, CONV_BLOCK);
        columns = new float[block * used * window];
        conv = new float[block * used * FILTERS];
        poolMax = new float[features];
        poolSlot = new int[capacity * features];
        dropScale = new float[capacity * features];
        flat = new float[capacity * features];
        hidden1 = new float[capacity * HIDDEN1];
        hidden2 = new float[capacity * HIDDEN2];
        probabilities = new float[capacity * outputs];
    }

    /**
     * Forward pass of {@code genes} genes, read from {@code input} starting at gene
     * {@code first} (each gene {@code marks × bins} values, mark-major). With a random source,
     * units are dropped as in training (inverted dropout); with {@code null}, as in inference.
     */
    public void forward(float[] input, int first, int genes, SplittableRandom dropout) {
        forward(input, first, genes, dropout, true);
    }

    /** {@code remember}: keep what {@link #backward} needs (where each pooled maximum was). */
    private void forward(float[] input, int first, int genes, SplittableRandom dropout, boolean remember) {
        if (genes > capacity) {
            throw new IllegalArgumentException(genes + " genes exceed the kernel's capacity " + capacity);
        }
        this.input = input;
        this.inputOffset = first * marks * bins;
        this.batch = remember ? genes : 0; // backward after an inference pass has nothing to work on
        float[][] w = parameters.tensors();
        for (int start = 0; start < genes; start += CONV_BLOCK) {
            int n = Math.min(CONV_BLOCK, genes - start);
            im2col(start, n);
            Sgemm.multiply(false, false, n * used, FILTERS, window, columns, w[CnnParameters.CONV_W], 0f, conv);
            pool(start, n, w[CnnParameters.CONV_B], remember);
        }
        dropoutApplied = dropout != null;
        if (dropoutApplied) {
            drop(genes, dropout);
        }
        Sgemm.multiply(false, false, genes, HIDDEN1, features, flat, w[CnnParameters.DENSE1_W], 0f, hidden1);
        addBiasRelu(hidden1, genes, HIDDEN1, w[CnnParameters.DENSE1_B]);
        Sgemm.multiply(false, false, genes, HIDDEN2, HIDDEN1, hidden1, w[CnnParameters.DENSE2_W], 0f, hidden2);
        addBiasRelu(hidden2, genes, HIDDEN2, w[CnnParameters.DENSE2_B]);
        if (outputs == 1) {
            linearOutput(genes, w[CnnParameters.OUT_W], w[CnnParameters.OUT_B]);
        } else {
            softmaxOutput(genes, w[CnnParameters.OUT_W], w[CnnParameters.OUT_B]);
        }
    }

    /**
     * P(high) of every gene of {@code input} ({@code genes × marks × bins} values), inferred
     * {@code capacity} genes at a time without dropout.
     */
    public double[] probabilityHigh(float[] input, int genes) {
        double[] p = new double[genes];
        probabilityHigh(input, 0, genes, p, 0);
        return p;
    }

    /**
     * P(high) of genes {@code first..first+genes} of {@code input}, written to {@code out[at..]};
     * for a regression network, its output (the predicted level).
     */
    public void probabilityHigh(float[] input, int first, int genes, double[] out, int at) {
        for (int done = 0; done < genes; done += capacity) {
            int n = Math.min(capacity, genes - done);
            forward(input, first + done, n, null, false);
            for (int i = 0; i < n; i++) {
                out[at + done + i] = probabilities[i * outputs + outputs - 1];
            }
        }
    }

    /** A reusable input buffer for {@code capacity} genes (for callers that fill it). */
    float[] inputBuffer() {
        if (inputBuffer == null) {
            inputBuffer = new float[capacity * marks * bins];
        }
        return inputBuffer;
    }

    /** P(class) of gene {@code i} of the last forward pass; class 1 is "high". */
    public float probability(int i, int label) {
        return probabilities[i * 2 + label];
    }

    /**
     * Backward pass for the last forward pass: gradients of the mean negative log-likelihood
     * of {@code labels} (one per gene of the batch, 0 or 1, read from {@code labels[first..]}),
     * written into {@code gradients}. Returns that loss. No gradient for the input is formed.
     */
    public double backward(int[] labels, int first, CnnParameters gradients) {
        if (outputs != 2) {
            throw new IllegalStateException("labels train a classification network; this one has one output");
        }
        int genes = startBackward();
        float[][] w = parameters.tensors();
        float[][] g = gradients.tensors();
        double loss = outputLayerBackward(labels, first, genes, w[CnnParameters.OUT_W], g[CnnParameters.OUT_W],
                g[CnnParameters.OUT_B]);
        hiddenBackward(genes, w, g);
        return loss;
    }

    /**
     * Backward pass of a regression network for the last forward pass: gradients of the mean
     * squared error against {@code targets[first..]} (DL4J's MSE with one output:
     * loss = mean (y − t)², dLoss/dy = 2 (y − t) / n). Returns that loss.
     */
    public double backward(float[] targets, int first, CnnParameters gradients) {
        if (outputs != 1) {
            throw new IllegalStateException("targets train a regression network; this one has two outputs");
        }
        int genes = startBackward();
        float[][] w = parameters.tensors();
        float[][] g = gradients.tensors();
        double loss = linearOutputBackward(targets, first, genes, w[CnnParameters.OUT_W], g[CnnParameters.OUT_W],
                g[CnnParameters.OUT_B]);
        hiddenBackward(genes, w, g);
        return loss;
    }

    private int startBackward() {
        if (batch == 0) {
            throw new IllegalStateException("backward needs a preceding forward pass");
        }
        if (dConv == null) {
            dLogits = new float[capacity * 2];
            dHidden2 = new float[capacity * HIDDEN2];
            dHidden1 = new float[capacity * HIDDEN1];
            dFlat = new float[capacity * features];
            dConv = new float[conv.length];
        }
        return batch;
    }

    /** From dHidden2 (set by the output layer) down to the convolution: shared by both tasks. */
    private void hiddenBackward(int genes, float[][] w, float[][] g) {
        // Dense 125.
        Sgemm.multiply(true, false, HIDDEN1, HIDDEN2, genes, hidden1, dHidden2, 0f, g[CnnParameters.DENSE2_W]);
        columnSums(dHidden2, genes, HIDDEN2, g[CnnParameters.DENSE2_B], false);
        Sgemm.multiply(false, true, genes, HIDDEN1, HIDDEN2, dHidden2, w[CnnParameters.DENSE2_W], 0f, dHidden1);
        reluGradient(dHidden1, hidden1, genes * HIDDEN1);

        // Dense 625.
        Sgemm.multiply(true, false, features, HIDDEN1, genes, flat, dHidden1, 0f, g[CnnParameters.DENSE1_W]);
        columnSums(dHidden1, genes, HIDDEN1, g[CnnParameters.DENSE1_B], false);
        Sgemm.multiply(false, true, genes, features, HIDDEN1, dHidden1, w[CnnParameters.DENSE1_W], 0f, dFlat);
        if (dropoutApplied) {
            int n = genes * features;
            for (int i = 0; i < n; i++) {
                dFlat[i] *= dropScale[i];
            }
        }

        // ReLU → max pool → convolution, block by block as in the forward pass.
        for (int start = 0; start < genes; start += CONV_BLOCK) {
            int n = Math.min(CONV_BLOCK, genes - start);
            routeToMaxima(start, n);
            if (genes > CONV_BLOCK) {
                im2col(start, n); // later blocks overwrote this one's columns
            }
            float beta = start == 0 ? 0f : 1f;
            Sgemm.multiply(true, false, window, FILTERS, n * used, columns, dConv, beta, g[CnnParameters.CONV_W]);
            columnSums(dConv, n * used, FILTERS, g[CnnParameters.CONV_B], start > 0);
        }
    }

    /** MSE on one linear unit: dOut = 2 (y − t)/n, then the 125 → 1 layer by plain loops. */
    private double linearOutputBackward(float[] targets, int first, int genes, float[] outW, float[] gOutW,
                                        float[] gOutB) {
        float scale = 2f / genes;
        double loss = 0;
        Arrays.fill(gOutW, 0f);
        gOutB[0] = 0f;
        for (int i = 0; i < genes; i++) {
            float error = probabilities[i] - targets[first + i];
            loss += (double) error * error;
            float d = error * scale;
            gOutB[0] += d;
            int h = i * HIDDEN2;
            for (int j = 0; j < HIDDEN2; j++) {
                float a = hidden2[h + j];
                gOutW[j] += a * d;
                dHidden2[h + j] = a > 0f ? d * outW[j] : 0f; // ReLU passes only active units
            }
        }
        return loss / genes;
    }

    /** Softmax + NLL: dLogits = (p − y)/n, then the 125 → 2 layer by plain loops (it is tiny). */
    private double outputLayerBackward(int[] labels, int first, int genes, float[] outW, float[] gOutW,
                                       float[] gOutB) {
        float invBatch = 1f / genes;
        double loss = 0;
        for (int i = 0; i < genes; i++) {
            int y = labels[first + i];
            loss -= Math.log(Math.max(probabilities[i * 2 + y], 1e-30f));
            dLogits[i * 2] = (probabilities[i * 2] - (y == 0 ? 1f : 0f)) * invBatch;
            dLogits[i * 2 + 1] = (probabilities[i * 2 + 1] - (y == 1 ? 1f : 0f)) * invBatch;
        }
        Arrays.fill(gOutW, 0f);
        gOutB[0] = 0f;
        gOutB[1] = 0f;
        for (int i = 0; i < genes; i++) {
            float d0 = dLogits[i * 2];
            float d1 = dLogits[i * 2 + 1];
            gOutB[0] += d0;
            gOutB[1] += d1;
            int h = i * HIDDEN2;
            for (int j = 0; j < HIDDEN2; j++) {
                float a = hidden2[h + j];
                gOutW[j * 2] += a * d0;
                gOutW[j * 2 + 1] += a * d1;
                // ReLU: the gradient passes only where the unit was active.
                dHidden2[h + j] = a > 0f ? d0 * outW[j * 2] + d1 * outW[j * 2 + 1] : 0f;
            }
        }
        return loss / genes;
    }

    /**
     * im2col of genes {@code start..start+n} of the batch. Row {@code slot · pooled + p} of a
     * gene is convolution position {@code t = p · POOL + slot}; it holds input[mark][t + j] at
     * j·marks + mark, the order of DL4J's conv weight. Ordering rows by slot within the pooling
     * window makes each slot's outputs one contiguous {@code [p][filter]} block, so pooling is
     * an elementwise maximum of POOL blocks. Transposing each gene to time-major first makes
     * every row one contiguous copy.
     */
    private void im2col(int start, int n) {
        int perGene = marks * bins;
        for (int gene = 0; gene < n; gene++) {
            int in = inputOffset + (start + gene) * perGene;
            for (int m = 0; m < marks; m++) {
                int from = in + m * bins;
                for (int b = 0; b < bins; b++) {
                    timeMajor[b * marks + m] = input[from + b];
                }
            }
            int rows = gene * used;
            for (int slot = 0; slot < POOL; slot++) {
                for (int p = 0; p < pooled; p++) {
                    int t = p * POOL + slot;
                    System.arraycopy(timeMajor, t * marks, columns, (rows + slot * pooled + p) * window, window);
                }
            }
        }
    }

    /**
     * Max over each pooling window of the block's convolution, then bias and ReLU, into
     * {@code flat}; remembers which slot of the window held each maximum, for the backward pass.
     */
    private void pool(int start, int n, float[] bias, boolean remember) {
        for (int gene = 0; gene < n; gene++) {
            int base = gene * used * FILTERS;
            int out = (start + gene) * features;
            System.arraycopy(conv, base, poolMax, 0, features);
            for (int slot = 1; slot < POOL; slot++) {
                int from = base + slot * features;
                for (int i = 0; i < features; i++) {
                    poolMax[i] = Math.max(poolMax[i], conv[from + i]);
                }
            }
            for (int p = 0; p < pooled; p++) {
                int at = p * FILTERS;
                for (int f = 0; f < FILTERS; f++) {
                    flat[out + at + f] = Math.max(poolMax[at + f] + bias[f], 0f);
                }
            }
            if (remember) {
                for (int i = 0; i < features; i++) {
                    // The first slot holding the maximum, by selects (no branch to mispredict).
                    int slot = POOL - 1;
                    for (int k = POOL - 2; k >= 0; k--) {
                        slot = conv[base + k * features + i] == poolMax[i] ? k : slot;
                    }
                    poolSlot[out + i] = slot;
                }
            }
        }
    }

    /** dConv of one block: each pooled gradient goes to its window's maximum if the unit was active. */
    private void routeToMaxima(int start, int n) {
        Arrays.fill(dConv, 0, n * used * FILTERS, 0f);
        for (int gene = 0; gene < n; gene++) {
            int at = (start + gene) * features;
            int base = gene * used * FILTERS;
            for (int i = 0; i < features; i++) {
                // flat > 0 ⇔ ReLU active (a dropped unit has dFlat = 0 already).
                dConv[base + poolSlot[at + i] * features + i] = flat[at + i] > 0f ? dFlat[at + i] : 0f;
            }
        }
    }

    /** Inverted dropout: keep each feature with probability {@code RETAIN} and scale it by 1/RETAIN. */
    private void drop(int genes, SplittableRandom random) {
        int n = genes * features;
        float scale = 1f / RETAIN;
        for (int i = 0; i < n; i++) {
            float s = random.nextFloat() < RETAIN ? scale : 0f;
            dropScale[i] = s;
            flat[i] *= s;
        }
    }

    private void linearOutput(int genes, float[] outW, float[] outB) {
        for (int i = 0; i < genes; i++) {
            float z = outB[0];
            int h = i * HIDDEN2;
            for (int j = 0; j < HIDDEN2; j++) {
                z += hidden2[h + j] * outW[j];
            }
            probabilities[i] = z;
        }
    }

    private void softmaxOutput(int genes, float[] outW, float[] outB) {
        for (int i = 0; i < genes; i++) {
            float z0 = outB[0];
            float z1 = outB[1];
            int h = i * HIDDEN2;
            for (int j = 0; j < HIDDEN2; j++) {
                float a = hidden2[h + j];
                z0 += a * outW[j * 2];
                z1 += a * outW[j * 2 + 1];
            }
            // Stable two-class softmax.
            float max = Math.max(z0, z1);
            float e0 = (float) Math.exp(z0 - max);
            float e1 = (float) Math.exp(z1 - max);
            float sum = e0 + e1;
            probabilities[i * 2] = e0 / sum;
            probabilities[i * 2 + 1] = e1 / sum;
        }
    }

    private static void addBiasRelu(float[] a, int rows, int cols, float[] bias) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                a[base + c] = Math.max(a[base + c] + bias[c], 0f); // vectorises; a ternary mispredicts
            }
        }
    }

    private static void reluGradient(float[] gradient, float[] activation, int n) {
        for (int i = 0; i < n; i++) {
            gradient[i] = activation[i] > 0f ? gradient[i] : 0f;
        }
    }

    /** sums[c] (+)= Σ_r a[r][c]. */
    private static void columnSums(float[] a, int rows, int cols, float[] sums, boolean accumulate) {
        if (!accumulate) {
            Arrays.fill(sums, 0f);
        }
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                sums[c] += a[base + c];
            }
        }
    }
}
