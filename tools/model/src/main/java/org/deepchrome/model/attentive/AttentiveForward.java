package org.deepchrome.model.attentive;

/**
 * The forward pass of AttentiveChrome for inference (predict, validation scores, attention
 * output): the same model as {@link AttentiveKernel#forward}, computed for speed instead of for a
 * backward pass. It keeps no activations of past steps (only each LSTM's running state and the
 * hidden states attention needs), so a chunk's work stays in the cache, and its loops are written
 * so that the JIT turns them into vector instructions:
 * <ul>
 * <li>each step's gate pre-activations are summed four weight rows at a time (one pass over the
 *     128 gates per four hidden units instead of one per unit), by fused multiply-adds, into
 *     arrays indexed from 0 (see {@link #binLstm});</li>
 * <li>every gate goes through one rational tanh ({@link #tanh}; no {@code Math.exp}, which the
 *     JIT does not vectorise): σ(x) = ½ + ½·tanh(x/2), with the halving folded into the
 *     sigmoid gates' weights once (a power of two, so exact);</li>
 * <li>the attention scores h_t · v are summed in eight independent partial sums.</li>
 * </ul>
 * The results equal the training kernel's to float rounding (tested: outputs and α, β within
 * 1e-5), and a gene's numbers do not depend on its chunk or on the thread that runs it.
 *
 * <p>Input layout {@code [gene][mark][bin]}, transformed. An instance keeps buffers for up to
 * {@code capacity} genes and is not thread-safe.
 */
public final class AttentiveForward extends AttentiveActivations {
    private static final int G = 4 * H;          // gates per bin-level step

    /**
     * Clamp and coefficients of the rational tanh, x·P(x²)/Q(x²): our own near-minimax fit on
     * [0, 9], made and checked by tools/model/scripts/fit_tanh.py (beyond 9, tanh rounds to ±1).
     */
    private static final float CLAMP = 9f;
    private static final float P1 = 0.9999999403953552f;
    private static final float P3 = 0.13079170882701874f;
    private static final float P5 = 0.003098658286035061f;
    private static final float P7 = 1.1101716154371388e-05f;
    private static final float P9 = -2.002816934520979e-08f;
    private static final float P11 = 5.191482660427127e-11f;
    private static final float P13 = -8.2868255443444e-14f;
    private static final float Q2 = 0.4641249179840088f;
    private static final float Q4 = 0.02447379007935524f;
    private static final float Q6 = 0.0002538598491810262f;

    /** One LSTM direction's weights, rows of gates, sigmoid gates (i, f, o) halved. */
    private record Weights(float[] input, float[] recurrent, float[] bias, float[][] rows) {
        Weights(int inputs, int hidden) {
            this(new float[inputs * 4 * hidden], new float[hidden * 4 * hidden], new float[4 * hidden],
                    new float[hidden][4 * hidden]);
        }
    }

    private final Weights[] binLstm;  // [m * 2 + d]
    private final Weights[] markLstm; // [d]
    private final float[] binContext; // [m][2H]
    private final float[] markContext;
    private final float[] outWeight;
    private float outBias;

    private final float[] gates;       // [b][4H] (also the mark level's [b][4H2])
    private final float[] cell;        // [b][H] (mark level)
    private final float[][] cellRows;  // [b][H] (bin level)
    private final float[] acc = new float[G];  // one gene's gates, indexed from 0 (see binLstm)
    private final float[] hNew = new float[H];
    private final float[] binOut;      // [b][t][2H] of the mark being processed
    private final float[] scores;      // [t] attention scores of one gene and mark

    public AttentiveForward(AttentiveParameters parameters, int capacity, boolean regression) {
        super(parameters, capacity, regression);
        binLstm = new Weights[marks * 2];
        for (int l = 0; l < marks * 2; l++) {
            binLstm[l] = new Weights(1, H);
        }
        markLstm = new Weights[] {new Weights(BIN_WIDTH, H2), new Weights(BIN_WIDTH, H2)};
        binContext = new float[marks * BIN_WIDTH];
        markContext = new float[MARK_WIDTH];
        outWeight = new float[MARK_WIDTH];
        reload();

        gates = new float[capacity * G];
        cell = new float[capacity * H];
        cellRows = new float[capacity][H];
        binOut = new float[capacity * bins * BIN_WIDTH];
        scores = new float[Math.max(bins, marks)];
    }

    /**
     * Reads the parameters again (they are copied, rearranged for speed): training changes them
     * between the validation passes of its epochs.
     */
    public void reload() {
        float[] p = parameters.values();
        for (int l = 0; l < marks * 2; l++) {
            copy(p, parameters.binWih[l], 1, parameters.binWhh[l], H, parameters.binBias[l], binLstm[l]);
        }
        for (int d = 0; d < 2; d++) {
            copy(p, parameters.markWih[d], BIN_WIDTH, parameters.markWhh[d], H2, parameters.markBias[d],
                    markLstm[d]);
        }
        for (int m = 0; m < marks; m++) {
            System.arraycopy(p, parameters.binContext[m], binContext, m * BIN_WIDTH, BIN_WIDTH);
        }
        System.arraycopy(p, parameters.markContext, markContext, 0, MARK_WIDTH);
        System.arraycopy(p, parameters.outWeight, outWeight, 0, MARK_WIDTH);
        outBias = p[parameters.outBias];
    }

    /**
     * One direction's weights ({@code [inputs][4·hidden]}, {@code [hidden][4·hidden]}, {@code [4·hidden]})
     * into {@code to}, with the columns of the sigmoid gates halved: tanh of the halved
     * pre-activation then gives σ.
     */
    private static void copy(float[] p, int wih, int inputs, int whh, int hidden, int bias, Weights to) {
        int gates = 4 * hidden;
        System.arraycopy(p, wih, to.input(), 0, inputs * gates);
        System.arraycopy(p, whh, to.recurrent(), 0, hidden * gates);
        System.arraycopy(p, bias, to.bias(), 0, gates);
        halveSigmoidGates(to.input(), inputs, hidden);
        halveSigmoidGates(to.recurrent(), hidden, hidden);
        halveSigmoidGates(to.bias(), 1, hidden);
        for (int k = 0; k < hidden; k++) {
            System.arraycopy(to.recurrent(), k * gates, to.rows()[k], 0, gates);
        }
    }

    private static void halveSigmoidGates(float[] w, int rows, int hidden) {
        int gates = 4 * hidden;
        for (int r = 0; r < rows; r++) {
            for (int g = 0; g < gates; g++) {
                if (g < 2 * hidden || g >= 3 * hidden) { // i, f and o; not the cell input g
                    w[r * gates + g] *= 0.5f;
                }
            }
        }
    }

    /** Forward pass of {@code genes} genes of {@code source} from gene {@code first} on. */
    public void forward(float[] source, int first, int genes) {
        loadInput(source, first, genes, "capacity");
        for (int m = 0; m < marks; m++) {
            // Both directions of mark m write their halves of binOut, then attention reads it.
            for (int d = 0; d < 2; d++) {
                binLstm(binLstm[m * 2 + d], m, d == 1, genes, d * H);
            }
            for (int b = 0; b < genes; b++) {
                attend(binContext, m * BIN_WIDTH, binOut, b * bins * BIN_WIDTH, bins, BIN_WIDTH, alpha,
                        (b * marks + m) * bins, markVectors, (b * marks + m) * BIN_WIDTH);
            }
        }
        for (int d = 0; d < 2; d++) {
            lstm(markLstm[d], BIN_WIDTH, H2, marks, d == 1, genes, markVectors, 0, marks * BIN_WIDTH, BIN_WIDTH,
                    markOut, d * H2, marks * MARK_WIDTH, MARK_WIDTH);
        }
        for (int b = 0; b < genes; b++) {
            attend(markContext, 0, markOut, b * marks * MARK_WIDTH, marks, MARK_WIDTH, beta, b * marks, summary,
                    b * MARK_WIDTH);
            float z = outBias;
            for (int k = 0; k < MARK_WIDTH; k++) {
                z += summary[b * MARK_WIDTH + k] * outWeight[k];
            }
            logit[b] = z;
        }
    }

    /**
     * One direction of mark {@code m}'s bin-level LSTM over genes {@code 0..genes}, h into units
     * {@code outAt..outAt+H} of {@link #binOut}. Every array the inner loops touch is indexed from 0
     * (the gates in {@link #acc}, weight rows, the cell state row): with an offset that varies per
     * gene or row the JIT (C2 of JDK 17) leaves a loop scalar; indexed from 0 it vectorises it.
     */
    private void binLstm(Weights w, int m, boolean reverse, int genes, int outAt) {
        float[] bias = w.bias();
        float[] wx = w.input();
        float[][] rows = w.rows();
        float[] z = acc;
        float[] h = hNew;
        int perGene = marks * bins;
        for (int b = 0; b < genes; b++) {
            java.util.Arrays.fill(cellRows[b], 0f);
        }
        for (int s = 0; s < bins; s++) {
            int t = reverse ? bins - 1 - s : s;
            int tp = reverse ? t + 1 : t - 1;
            for (int b = 0; b < genes; b++) {
                float x = input[b * perGene + m * bins + t];
                for (int g = 0; g < G; g++) {
                    z[g] = Math.fma(x, wx[g], bias[g]);
                }
                if (s > 0) {
                    int hp = (b * bins + tp) * BIN_WIDTH + outAt;
                    for (int k = 0; k < H; k += 4) { // four rows per pass over the gates
                        float v0 = binOut[hp + k];
                        float v1 = binOut[hp + k + 1];
                        float v2 = binOut[hp + k + 2];
                        float v3 = binOut[hp + k + 3];
                        float[] w0 = rows[k];
                        float[] w1 = rows[k + 1];
                        float[] w2 = rows[k + 2];
                        float[] w3 = rows[k + 3];
                        for (int g = 0; g < G; g++) {
                            float sum = Math.fma(v1, w1[g], Math.fma(v0, w0[g], z[g]));
                            z[g] = Math.fma(v3, w3[g], Math.fma(v2, w2[g], sum));
                        }
                    }
                }
                for (int g = 0; g < G; g++) {
                    z[g] = tanh(z[g]);
                }
                float[] c = cellRows[b];
                for (int k = 0; k < H; k++) {
                    // c = σ(i)·tanh(g) + σ(f)·c; at the first step c is 0, as in the kernel.
                    c[k] = (0.5f + 0.5f * z[k]) * z[k + 2 * H] + (0.5f + 0.5f * z[k + H]) * c[k];
                }
                for (int k = 0; k < H; k++) {
                    h[k] = (0.5f + 0.5f * z[k + 3 * H]) * tanh(c[k]);
                }
                System.arraycopy(h, 0, binOut, (b * bins + t) * BIN_WIDTH + outAt, H);
            }
        }
    }

    /**
     * One LSTM direction over {@code steps} steps of genes {@code 0..genes}: the input of gene b,
     * step t is {@code in[inAt + b·inGene + t·inStep ..]} ({@code inputs} values); h is written to
     * {@code out[outAt + b·outGene + t·outStep ..]} and read back from there as the next step's
     * recurrent input.
     */
    private void lstm(Weights w, int inputs, int hidden, int steps, boolean reverse, int genes, float[] in, int inAt,
                      int inGene, int inStep, float[] out, int outAt, int outGene, int outStep) {
        int gateCount = 4 * hidden;
        java.util.Arrays.fill(cell, 0, genes * hidden, 0f);
        for (int s = 0; s < steps; s++) {
            int t = reverse ? steps - 1 - s : s;
            int tp = reverse ? t + 1 : t - 1;
            for (int b = 0; b < genes; b++) {
                int z = b * gateCount;
                System.arraycopy(w.bias(), 0, gates, z, gateCount);
                accumulate(gates, z, gateCount, in, inAt + b * inGene + t * inStep, inputs, w.input());
                if (s > 0) {
                    accumulate(gates, z, gateCount, out, outAt + b * outGene + tp * outStep, hidden, w.recurrent());
                }
                for (int g = z; g < z + gateCount; g++) {
                    gates[g] = tanh(gates[g]);
                }
                int c = b * hidden;
                int f = z + hidden;
                int u = z + 2 * hidden;
                for (int k = 0; k < hidden; k++) {
                    // c = σ(i)·tanh(g) + σ(f)·c; at the first step c is 0, as in the kernel.
                    cell[c + k] = (0.5f + 0.5f * gates[z + k]) * gates[u + k]
                            + (0.5f + 0.5f * gates[f + k]) * cell[c + k];
                }
                int o = z + 3 * hidden;
                int h = outAt + b * outGene + t * outStep;
                for (int k = 0; k < hidden; k++) {
                    out[h + k] = (0.5f + 0.5f * gates[o + k]) * tanh(cell[c + k]);
                }
            }
        }
    }

    /** {@code z[at..at+width] += Σ_k v[from + k] · w[k][..]} over {@code n} rows, four rows per pass. */
    private static void accumulate(float[] z, int at, int width, float[] v, int from, int n, float[] w) {
        int k = 0;
        for (; k + 3 < n; k += 4) {
            float v0 = v[from + k];
            float v1 = v[from + k + 1];
            float v2 = v[from + k + 2];
            float v3 = v[from + k + 3];
            int w0 = k * width;
            int w1 = w0 + width;
            int w2 = w1 + width;
            int w3 = w2 + width;
            for (int g = 0; g < width; g++) {
                z[at + g] += v0 * w[w0 + g] + v1 * w[w1 + g] + v2 * w[w2 + g] + v3 * w[w3 + g];
            }
        }
        for (; k < n; k++) {
            float vk = v[from + k];
            int wk = k * width;
            for (int g = 0; g < width; g++) {
                z[at + g] += vk * w[wk + g];
            }
        }
    }

    /**
     * Attention over {@code steps} vectors of {@code width} at {@code h[from..]} with the context
     * vector {@code v[vAt..]}: weights softmax(h_t · v) into {@code weights[wAt..]}, their
     * weighted sum into {@code out[oAt..]}. Widths are multiples of 8.
     */
    private void attend(float[] v, int vAt, float[] h, int from, int steps, int width, float[] weights, int wAt,
                        float[] out, int oAt) {
        float max = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < steps; t++) {
            int at = from + t * width;
            // Eight partial sums: independent additions instead of one chain of 64.
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            float s4 = 0f;
            float s5 = 0f;
            float s6 = 0f;
            float s7 = 0f;
            for (int k = 0; k < width; k += 8) {
                s0 += h[at + k] * v[vAt + k];
                s1 += h[at + k + 1] * v[vAt + k + 1];
                s2 += h[at + k + 2] * v[vAt + k + 2];
                s3 += h[at + k + 3] * v[vAt + k + 3];
                s4 += h[at + k + 4] * v[vAt + k + 4];
                s5 += h[at + k + 5] * v[vAt + k + 5];
                s6 += h[at + k + 6] * v[vAt + k + 6];
                s7 += h[at + k + 7] * v[vAt + k + 7];
            }
            float e = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
            scores[t] = e;
            max = Math.max(max, e);
        }
        double sum = 0;
        for (int t = 0; t < steps; t++) {
            float e = (float) Math.exp(scores[t] - max);
            scores[t] = e;
            sum += e;
        }
        float inv = (float) (1 / sum);
        java.util.Arrays.fill(out, oAt, oAt + width, 0f);
        for (int t = 0; t < steps; t++) {
            float a = scores[t] * inv;
            weights[wAt + t] = a;
            int at = from + t * width;
            for (int k = 0; k < width; k++) {
                out[oAt + k] += a * h[at + k];
            }
        }
    }

    /**
     * tanh in single precision by a rational function of degree 13/6 on [−9, 9]: within 3e-7 of
     * {@link Math#tanh}, relative error below 1e-6 (tested), and only fused multiply-adds, one
     * division and min/max, which the JIT vectorises.
     */
    static float tanh(float x) {
        float c = Math.max(-CLAMP, Math.min(CLAMP, x));
        float c2 = c * c;
        float p = Math.fma(c2, P13, P11);
        p = Math.fma(c2, p, P9);
        p = Math.fma(c2, p, P7);
        p = Math.fma(c2, p, P5);
        p = Math.fma(c2, p, P3);
        p = Math.fma(c2, p, P1);
        p = c * p;
        float q = Math.fma(c2, Q6, Q4);
        q = Math.fma(c2, q, Q2);
        q = Math.fma(c2, q, 1f);
        return p / q;
    }
}
