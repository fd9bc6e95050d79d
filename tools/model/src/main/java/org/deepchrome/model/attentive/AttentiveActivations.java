package org.deepchrome.model.attentive;

import static org.deepchrome.model.attentive.AttentiveParameters.BIN_HIDDEN;
import static org.deepchrome.model.attentive.AttentiveParameters.MARK_HIDDEN;

/**
 * What the two forward passes of AttentiveChrome ({@link AttentiveForward} for inference,
 * {@link AttentiveKernel} for training) share: the model's dimensions and the activations they
 * keep for a chunk of up to {@code capacity} genes, in one layout, from which the outputs and
 * the attention weights are read. Layouts: input and α {@code [b][m][t]}, mark vectors
 * {@code [b][m][2H]}, mark-level output {@code [b][m][2H2]}, β {@code [b][m]}, summary
 * {@code [b][2H2]}, logit {@code [b]}.
 */
abstract class AttentiveActivations {
    static final int H = BIN_HIDDEN;
    static final int BIN_WIDTH = 2 * H;  // bin-level output per step (both directions)
    static final int H2 = MARK_HIDDEN;
    static final int MARK_WIDTH = 2 * H2;

    final AttentiveParameters parameters;
    final int marks;
    final int bins;
    final int capacity;
    final boolean regression;

    final float[] input;       // [b][m][t]
    final float[] alpha;       // [b][m][t]
    final float[] markVectors; // [b][m][2H]
    final float[] markOut;     // [b][m][2H2]
    final float[] beta;        // [b][m]
    final float[] summary;     // [b][2H2]
    final float[] logit;       // [b]

    AttentiveActivations(AttentiveParameters parameters, int capacity, boolean regression) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.parameters = parameters;
        this.marks = parameters.marks();
        this.bins = parameters.bins();
        this.capacity = capacity;
        this.regression = regression;
        input = new float[capacity * marks * bins];
        alpha = new float[capacity * marks * bins];
        markVectors = new float[capacity * marks * BIN_WIDTH];
        markOut = new float[capacity * marks * MARK_WIDTH];
        beta = new float[capacity * marks];
        summary = new float[capacity * MARK_WIDTH];
        logit = new float[capacity];
    }

    /**
     * Copies genes {@code first..first+genes} of {@code source} into {@link #input};
     * {@code capacityName} names the limit in the message when they do not fit.
     */
    void loadInput(float[] source, int first, int genes, String capacityName) {
        if (genes > capacity) {
            throw new IllegalArgumentException(genes + " genes exceed the " + capacityName + " " + capacity);
        }
        int perGene = marks * bins;
        System.arraycopy(source, first * perGene, input, 0, genes * perGene);
    }

    public int capacity() {
        return capacity;
    }

    public boolean regression() {
        return regression;
    }

    /** The model's output for gene {@code i} of the last forward pass: P(high), or the regression value. */
    public float output(int i) {
        return regression ? logit[i] : LstmDirection.sigmoid(logit[i]);
    }

    /** Bin attention α of gene {@code i}, mark {@code m}, bin {@code t} (sums to 1 over t). */
    public float alpha(int i, int m, int t) {
        return alpha[(i * marks + m) * bins + t];
    }

    /** Mark attention β of gene {@code i}, mark {@code m} (sums to 1 over m). */
    public float beta(int i, int m) {
        return beta[i * marks + m];
    }
}
