package org.deepchrome.model.attentive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The learned numbers of an AttentiveChrome model, in one flat float array with named blocks
 * (so Adam, clipping, copying and the file format treat them alike).
 *
 * <p>Per mark m and direction d (0 forward, 1 backward) a bin-level LSTM of {@link #BIN_HIDDEN}
 * units: input weights {@code [1][4H]}, recurrent weights {@code [H][4H]}, bias {@code [4H]}
 * (gate order i, f, g, o, as PyTorch; one bias where PyTorch has two that only ever appear
 * summed). Per mark the bin context vector {@code [2H]}. Then the mark-level LSTM over the mark
 * vectors, {@link #MARK_HIDDEN} units per direction: input {@code [2H][4H2]}, recurrent
 * {@code [H2][4H2]}, bias {@code [4H2]}; the mark context vector {@code [2H2]}; the output
 * layer {@code [2H2]} and its bias.
 */
public final class AttentiveParameters {
    public static final int BIN_HIDDEN = 32;
    public static final int MARK_HIDDEN = 16;

    /** A named block of the flat array. */
    public record Block(String name, int offset, int length) {
    }

    private final int marks;
    private final int bins;
    private final float[] values;
    private final List<Block> blocks;

    // Offsets, see the class comment.
    final int[] binWih;   // [m * 2 + d]
    final int[] binWhh;
    final int[] binBias;
    final int[] binContext; // [m]
    final int[] markWih = new int[2];
    final int[] markWhh = new int[2];
    final int[] markBias = new int[2];
    final int markContext;
    final int outWeight;
    final int outBias;

    private AttentiveParameters(int marks, int bins, float[] values) {
        if (marks < 1 || bins < 1) {
            throw new IllegalArgumentException("need at least one mark and one bin, got " + marks + " × " + bins);
        }
        this.marks = marks;
        this.bins = bins;
        int h = BIN_HIDDEN;
        int h2 = MARK_HIDDEN;
        List<Block> b = new ArrayList<>();
        binWih = new int[marks * 2];
        binWhh = new int[marks * 2];
        binBias = new int[marks * 2];
        binContext = new int[marks];
        int at = 0;
        for (int m = 0; m < marks; m++) {
            for (int d = 0; d < 2; d++) {
                int l = m * 2 + d;
                String dir = d == 0 ? "forward" : "backward";
                binWih[l] = at;
                at = add(b, "mark" + m + "." + dir + ".input_weights", at, 4 * h);
                binWhh[l] = at;
                at = add(b, "mark" + m + "." + dir + ".recurrent_weights", at, h * 4 * h);
                binBias[l] = at;
                at = add(b, "mark" + m + "." + dir + ".bias", at, 4 * h);
            }
            binContext[m] = at;
            at = add(b, "mark" + m + ".bin_context", at, 2 * h);
        }
        for (int d = 0; d < 2; d++) {
            String dir = d == 0 ? "forward" : "backward";
            markWih[d] = at;
            at = add(b, "marks." + dir + ".input_weights", at, 2 * h * 4 * h2);
            markWhh[d] = at;
            at = add(b, "marks." + dir + ".recurrent_weights", at, h2 * 4 * h2);
            markBias[d] = at;
            at = add(b, "marks." + dir + ".bias", at, 4 * h2);
        }
        markContext = at;
        at = add(b, "marks.mark_context", at, 2 * h2);
        outWeight = at;
        at = add(b, "output.weights", at, 2 * h2);
        outBias = at;
        at = add(b, "output.bias", at, 1);
        this.blocks = List.copyOf(b);
        if (values == null) {
            values = new float[at];
        } else if (values.length != at) {
            throw new IllegalArgumentException("expected " + at + " parameters, got " + values.length);
        }
        this.values = values;
    }

    private static int add(List<Block> blocks, String name, int at, int length) {
        blocks.add(new Block(name, at, length));
        return at + length;
    }

    /** All zeros (gradient accumulators, optimizer state). */
    public static AttentiveParameters zeros(int marks, int bins) {
        return new AttentiveParameters(marks, bins, null);
    }

    /** Wraps {@code values} (not copied); their count must be {@link #count(int, int)}. */
    public static AttentiveParameters of(int marks, int bins, float[] values) {
        return new AttentiveParameters(marks, bins, values);
    }

    /** The number of parameters of a model for {@code marks} marks (bins do not change it). */
    public static int count(int marks, int bins) {
        return zeros(marks, bins).values.length;
    }

    /**
     * PyTorch's initialisation, from {@code seed}: LSTM and linear weights and biases uniform
     * in ±1/√fan (fan = hidden units for LSTMs, inputs for the linear layer), context vectors
     * uniform in ±0.1 as in the AttentiveChrome code.
     */
    public static AttentiveParameters initial(int marks, int bins, long seed) {
        AttentiveParameters p = zeros(marks, bins);
        SplittableRandom random = new SplittableRandom(seed);
        for (Block b : p.blocks) {
            double bound;
            if (b.name().endsWith("_context")) {
                bound = 0.1;
            } else if (b.name().startsWith("output")) {
                bound = 1 / Math.sqrt(2.0 * MARK_HIDDEN);
            } else if (b.name().startsWith("marks.")) {
                bound = 1 / Math.sqrt(MARK_HIDDEN);
            } else {
                bound = 1 / Math.sqrt(BIN_HIDDEN);
            }
            for (int i = b.offset(); i < b.offset() + b.length(); i++) {
                p.values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
        }
        return p;
    }

    public int marks() {
        return marks;
    }

    public int bins() {
        return bins;
    }

    /** The flat array itself (not a copy). */
    public float[] values() {
        return values;
    }

    public List<Block> blocks() {
        return blocks;
    }

    public AttentiveParameters copy() {
        return new AttentiveParameters(marks, bins, values.clone());
    }

    public void copyFrom(AttentiveParameters other) {
        System.arraycopy(other.values, 0, values, 0, values.length);
    }

    public void clear() {
        Arrays.fill(values, 0f);
    }

    public boolean allFinite() {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
