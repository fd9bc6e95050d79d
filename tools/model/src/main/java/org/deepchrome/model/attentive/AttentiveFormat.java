package org.deepchrome.model.attentive;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The parameters of an attentive model as stored in the model zip ({@code attentive.bin}):
 * <pre>
 *   8 bytes  magic "DCATTN01"
 *   int32    marks, bins, bin-level hidden units, mark-level hidden units, head (0 sigmoid, 1 linear)
 *   int32    parameter count n
 *   n × float32 the parameters in {@link AttentiveParameters}' block order
 * </pre>
 * all big-endian. Reading checks every header field against what the metadata says and that
 * the count is exactly what those shapes need, before allocating; every value must be finite.
 */
public final class AttentiveFormat {
    private static final byte[] MAGIC = "DCATTN01".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 6 * 4;

    private AttentiveFormat() {
    }

    public static void write(AttentiveParameters parameters, boolean regression, OutputStream target)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(HEADER + parameters.values().length * 4);
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(parameters.marks());
        out.writeInt(parameters.bins());
        out.writeInt(AttentiveParameters.BIN_HIDDEN);
        out.writeInt(AttentiveParameters.MARK_HIDDEN);
        out.writeInt(regression ? 1 : 0);
        out.writeInt(parameters.values().length);
        for (float v : parameters.values()) {
            out.writeFloat(v);
        }
        out.flush();
        bytes.writeTo(target);
    }

    /** What was read: the parameters and the head. */
    public record Stored(AttentiveParameters parameters, boolean regression) {
    }

    /**
     * Parses {@code payload} for a model of {@code marks} × {@code bins}; throws
     * IOException with a short reason when anything does not fit.
     */
    public static Stored read(byte[] payload, int marks, int bins) throws IOException {
        if (payload.length < HEADER) {
            throw new IOException("truncated header (" + payload.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(payload).order(ByteOrder.BIG_ENDIAN);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException("not an attentive parameter block (bad magic)");
        }
        int storedMarks = in.getInt();
        int storedBins = in.getInt();
        int binHidden = in.getInt();
        int markHidden = in.getInt();
        int head = in.getInt();
        int count = in.getInt();
        if (storedMarks != marks || storedBins != bins) {
            throw new IOException("parameters for " + storedMarks + " marks × " + storedBins + " bins, the metadata "
                    + "says " + marks + " × " + bins);
        }
        if (binHidden != AttentiveParameters.BIN_HIDDEN || markHidden != AttentiveParameters.MARK_HIDDEN) {
            throw new IOException("LSTM sizes " + binHidden + "/" + markHidden + "; this suite builds "
                    + AttentiveParameters.BIN_HIDDEN + "/" + AttentiveParameters.MARK_HIDDEN);
        }
        if (head != 0 && head != 1) {
            throw new IOException("unknown output head " + head);
        }
        int expected = AttentiveParameters.count(marks, bins);
        if (count != expected || payload.length != HEADER + 4L * expected) {
            throw new IOException("expected " + expected + " parameters (" + (HEADER + 4L * expected) + " bytes), "
                    + "found a count of " + count + " in " + payload.length + " bytes");
        }
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.getFloat();
            if (!Float.isFinite(values[i])) {
                throw new IOException("parameter " + i + " is not a finite number");
            }
        }
        return new Stored(AttentiveParameters.of(marks, bins, values), head == 1);
    }
}
