package org.deepchrome.model.attentive;

import org.deepchrome.model.kernel.Sgemm;

import java.util.Arrays;

/**
 * One direction of one LSTM layer over a batch of sequences, forward and backward, in plain
 * Java loops. Its products are tiny (a batch of 32 × 32 units × 128 gates per step), too small
 * for a native sgemm call to pay for its crossing; the inner loops run over the contiguous gate
 * axis so that the JIT vectorises them.
 *
 * <p>Sequences are read from and written to caller arrays described by an offset and strides
 * ({@link Layout}), so the same code reads one mark's bins out of {@code [gene][mark][bin]} and
 * the mark vectors out of {@code [gene][mark][64]}. An instance owns the activations of its last
 * forward pass and its scratch, so different instances may run on different threads.
 */
final class LstmDirection {
    /** Where element {@code (gene b, step t, unit i)} lives: {@code offset + b·geneStride + t·stepStride + i}. */
    record Layout(int offset, int geneStride, int stepStride) {
        int at(int gene, int step) {
            return offset + gene * geneStride + step * stepStride;
        }
    }

    private final int inputs;
    private final int hidden;
    private final int gates;
    private final int steps;
    private final int capacity;
    private final boolean reverse;
    private final int wih;
    private final int whh;
    private final int bias;

    private final float[] act;   // [s][b][4H] gate activations i, f, g, o (s: processing order)
    private final float[] cell;  // [s][b][H]
    private final float[] tanhCell; // [s][b][H]
    private final float[] hiddenSteps; // [s][b][H] h of each step, contiguous (operand of the recurrent weight gradient)
    private float[] dzSteps;        // [s-1][b][4H] gate gradients of steps 1.. (the other operand)
    private float[] whhGradient;    // [H][4H]
    private float[] dz;          // [b][4H]
    private float[] dh;          // [b][H] gradient reaching h of the step being processed
    private float[] dc;          // [b][H]
    private float[] whhT;        // [4H][H]
    private float[] wihT;        // [4H][inputs]

    LstmDirection(int inputs, int hidden, int steps, int capacity, boolean reverse, int wih, int whh, int bias) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.gates = 4 * hidden;
        this.steps = steps;
        this.capacity = capacity;
        this.reverse = reverse;
        this.wih = wih;
        this.whh = whh;
        this.bias = bias;
        act = new float[steps * capacity * gates];
        cell = new float[steps * capacity * hidden];
        tanhCell = new float[steps * capacity * hidden];
        hiddenSteps = new float[steps * capacity * hidden];
    }

    /** Runs over {@code genes} sequences of {@code in}, writing h to units {@code 0..H} of {@code out}. */
    void forward(float[] p, int genes, float[] in, Layout inAt, float[] out, Layout outAt) {
        int h = hidden;
        for (int s = 0; s < steps; s++) {
            int t = reverse ? steps - 1 - s : s;
            int tp = reverse ? t + 1 : t - 1;
            for (int b = 0; b < genes; b++) {
                int z = (s * capacity + b) * gates;
                System.arraycopy(p, bias, act, z, gates);
                int x = inAt.at(b, t);
                for (int i = 0; i < inputs; i++) {
                    float xi = in[x + i];
                    int w = wih + i * gates;
                    for (int g = 0; g < gates; g++) {
                        act[z + g] += xi * p[w + g];
                    }
                }
                if (s > 0) {
                    int hp = outAt.at(b, tp);
                    for (int k = 0; k < h; k++) {
                        float hk = out[hp + k];
                        int w = whh + k * gates;
                        for (int g = 0; g < gates; g++) {
                            act[z + g] += hk * p[w + g];
                        }
                    }
                }
                for (int g = 0; g < 2 * h; g++) {
                    act[z + g] = sigmoid(act[z + g]);
                }
                for (int g = 2 * h; g < 3 * h; g++) {
                    act[z + g] = tanh(act[z + g]);
                }
                for (int g = 3 * h; g < gates; g++) {
                    act[z + g] = sigmoid(act[z + g]);
                }
                int c = (s * capacity + b) * h;
                int cp = c - capacity * h;
                int ho = outAt.at(b, t);
                for (int k = 0; k < h; k++) {
                    float cv = act[z + k] * act[z + 2 * h + k] + (s > 0 ? act[z + h + k] * cell[cp + k] : 0f);
                    cell[c + k] = cv;
                    float tc = tanh(cv);
                    tanhCell[c + k] = tc;
                    float hv = act[z + 3 * h + k] * tc;
                    out[ho + k] = hv;
                    hiddenSteps[c + k] = hv;
                }
            }
        }
    }

    /**
     * Backward pass of the last forward pass: {@code dOut} holds the loss gradient for every h
     * (same layout as {@code out}); parameter gradients are added into {@code grad}; when
     * {@code dIn} is not null the input gradient is added into it (layout of {@code in}).
     */
    void backward(float[] p, float[] grad, int genes, float[] in, Layout inAt, float[] out, Layout outAt,
                  float[] dOut, float[] dIn) {
        int h = hidden;
        if (dz == null) {
            dz = new float[capacity * gates];
            dh = new float[capacity * h];
            dc = new float[capacity * h];
            whhT = new float[gates * h];
            wihT = new float[gates * inputs];
            dzSteps = new float[Math.max(1, steps - 1) * capacity * gates];
            whhGradient = new float[h * gates];
        }
        if (genes < capacity) {
            java.util.Arrays.fill(dzSteps, 0f); // rows of absent genes must not add to the weight gradient
        }
        transpose(p, whh, h, gates, whhT);
        transpose(p, wih, inputs, gates, wihT);
        Arrays.fill(dh, 0, genes * h, 0f);
        Arrays.fill(dc, 0, genes * h, 0f);
        for (int s = steps - 1; s >= 0; s--) {
            int t = reverse ? steps - 1 - s : s;
            int tp = reverse ? t + 1 : t - 1;
            for (int b = 0; b < genes; b++) {
                int z = (s * capacity + b) * gates;
                int c = (s * capacity + b) * h;
                int cp = c - capacity * h;
                int ho = outAt.at(b, t);
                int r = b * h;
                int d = b * gates;
                for (int k = 0; k < h; k++) {
                    float dhk = dh[r + k] + dOut[ho + k];
                    float ig = act[z + k];
                    float fg = act[z + h + k];
                    float gg = act[z + 2 * h + k];
                    float og = act[z + 3 * h + k];
                    float tc = tanhCell[c + k];
                    float dcv = dc[r + k] + dhk * og * (1 - tc * tc);
                    float cprev = s > 0 ? cell[cp + k] : 0f;
                    dc[r + k] = dcv * fg;
                    dz[d + k] = dcv * gg * ig * (1 - ig);
                    dz[d + h + k] = dcv * cprev * fg * (1 - fg);
                    dz[d + 2 * h + k] = dcv * ig * (1 - gg * gg);
                    dz[d + 3 * h + k] = dhk * tc * og * (1 - og);
                }
                for (int g = 0; g < gates; g++) {
                    grad[bias + g] += dz[d + g];
                }
                int x = inAt.at(b, t);
                for (int i = 0; i < inputs; i++) {
                    float xi = in[x + i];
                    int w = wih + i * gates;
                    for (int g = 0; g < gates; g++) {
                        grad[w + g] += xi * dz[d + g];
                    }
                }
                if (dIn != null) {
                    for (int g = 0; g < gates; g++) {
                        float dg = dz[d + g];
                        int w = g * inputs;
                        for (int i = 0; i < inputs; i++) {
                            dIn[x + i] += dg * wihT[w + i];
                        }
                    }
                }
                Arrays.fill(dh, r, r + h, 0f);
                if (s > 0) {
                    System.arraycopy(dz, d, dzSteps, ((s - 1) * capacity + b) * gates, gates);
                    for (int g = 0; g < gates; g++) {
                        float dg = dz[d + g];
                        int w = g * h;
                        for (int k = 0; k < h; k++) {
                            dh[r + k] += dg * whhT[w + k];
                        }
                    }
                }
            }
        }
    }

    /**
     * The recurrent weights' gradient, Σ over steps and genes of h(step − 1)ᵀ · dz(step), as
     * one product by oneDNN once the backward pass is done: a third of the backward work,
     * several times faster than in the loop.
     */
    void addRecurrentWeightGradient(float[] grad) {
        if (steps < 2) {
            return;
        }
        // Row (s·capacity + b) of hiddenSteps is h of step s; row ((s−1)·capacity + b) of dzSteps is dz of step s.
        Sgemm.multiply(true, false, hidden, gates, (steps - 1) * capacity, hiddenSteps, dzSteps, 0f, whhGradient);
        for (int i = 0; i < whhGradient.length; i++) {
            grad[whh + i] += whhGradient[i];
        }
    }

    /** {@code to[c][r] = p[from + r·cols + c]}. */
    private static void transpose(float[] p, int from, int rows, int cols, float[] to) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                to[c * rows + r] = p[from + r * cols + c];
            }
        }
    }

    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /** tanh through the intrinsic exp: Math.tanh is not intrinsified and costs several times more. */
    static float tanh(float x) {
        return (float) (1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0)); // exact enough in double near 0; ±1 at ±∞
    }
}
