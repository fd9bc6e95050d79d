package org.deepchrome.core.matrix;

import org.deepchrome.core.io.AtomicFile;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Writes DeepChrome CSV atomically (gzip when the name ends in .gz). A header line is written
 * whenever the marks are not the paper's five in its order, so files stay readable by the
 * original DeepChrome code when they can be (not with an expression column, which needs the header).
 * Whole numbers are written without a decimal point.
 * A signed matrix (negative values allowed) starts with {@link #SIGNED_LINE}, then its header.
 */
public final class MatrixWriter {
    /** First line of a matrix whose values may be negative; such a matrix always has a header. */
    public static final String SIGNED_LINE = "# deepchrome-matrix values=signed";

    private static final int GENES_PER_BLOCK = 256; // ~25,600 rows, a few hundred KB of text
    private static final byte[] NOTHING = new byte[0];
    private static final int MAX_BIN_FIELD = 12; // ",<bin number>"
    /** The longest number text: a long with its sign, or a float's plain decimal form (1.4E-45: 48 characters). */
    private static final int MAX_NUMBER = 50;

    private MatrixWriter() {
    }

    public static void write(GeneMatrix matrix, Path target) throws IOException {
        try (AtomicFile out = AtomicFile.create(target)) {
            Writer w = out.writer();
            if (matrix.signed()) {
                w.write(SIGNED_LINE);
                w.write('\n');
            }
            if (matrix.signed() || !matrix.hasPaperMarks() || matrix.hasTargets()) {
                w.write("gene_id,bin");
                for (String mark : matrix.marks()) {
                    w.write(',');
                    w.write(mark);
                }
                if (matrix.hasTargets()) {
                    w.write("," + MatrixReader.EXPRESSION_COLUMN);
                }
                if (matrix.hasLabels()) {
                    w.write(",label");
                }
                w.write('\n');
            }
            w.flush();
            writeRows(matrix, out.outputStream());
            out.commit();
        }
    }

    /**
     * The rows, formatted straight to bytes: a genome-wide matrix has millions of rows (20,000
     * genes x 100 bins), and a String, a StringBuilder and a char encoding per row cost more
     * than counting the reads did. Blocks of genes are formatted in parallel (the common pool)
     * a few at a time, and written in order. Their buffers are reused from batch to batch: fresh
     * memory costs a page fault per 4 KB, which took a third of the time (docs/benchmarks.md).
     */
    private static void writeRows(GeneMatrix matrix, OutputStream out) throws IOException {
        byte[][] binFields = new byte[matrix.bins()][];
        for (int b = 0; b < binFields.length; b++) {
            binFields[b] = ("," + (b + 1)).getBytes(StandardCharsets.US_ASCII);
        }
        int genes = matrix.geneCount();
        int blocks = (genes + GENES_PER_BLOCK - 1) / GENES_PER_BLOCK;
        Rows[] buffers = new Rows[Math.min(blocks, 2 * (ForkJoinPool.getCommonPoolParallelism() + 1))];
        int capacity = matrix.bins() * Math.min(genes, GENES_PER_BLOCK) * (16 + 4 * matrix.markCount());
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = new Rows(capacity);
        }
        for (int first = 0; first < blocks; first += buffers.length) {
            int batch = Math.min(buffers.length, blocks - first);
            int firstBlock = first;
            IntStream.range(0, batch).parallel().forEach(i -> {
                int from = (firstBlock + i) * GENES_PER_BLOCK;
                formatBlock(matrix, binFields, from, Math.min(genes, from + GENES_PER_BLOCK), buffers[i]);
            });
            for (int i = 0; i < batch; i++) {
                out.write(buffers[i].bytes, 0, buffers[i].length);
            }
        }
    }

    /**
     * The rows of genes [from, to), in place of what {@code rows} held. Room for a gene's rows
     * is made once, so that the loop over its bins writes bytes with no check or call per field:
     * this code runs while still cold, where every call costs.
     */
    private static void formatBlock(GeneMatrix matrix, byte[][] binFields, int from, int to, Rows rows) {
        int bins = matrix.bins();
        int marks = matrix.markCount();
        int n = 0;
        for (int g = from; g < to; g++) {
            byte[] id = matrix.geneId(g).getBytes(StandardCharsets.UTF_8);
            float[] v = matrix.values(g);
            byte[] target = !matrix.hasTargets() ? NOTHING : ("," + (Float.isNaN(matrix.target(g)) ? "NA"
                    : numberText(matrix.target(g)))).getBytes(StandardCharsets.US_ASCII);
            byte[] label = !matrix.hasLabels() ? NOTHING : ("," + matrix.label(g)).getBytes(StandardCharsets.US_ASCII);
            byte[] out = rows.room(n, bins * (id.length + MAX_BIN_FIELD + marks * (1 + MAX_NUMBER)
                    + target.length + label.length + 1));
            for (int b = 0; b < bins; b++) {
                n = copy(id, out, n);
                n = copy(binFields[b], out, n);
                for (int m = 0; m < marks; m++) {
                    out[n++] = ',';
                    n = putNumber(out, n, v[m * bins + b]);
                }
                n = copy(target, out, n);
                n = copy(label, out, n);
                out[n++] = '\n';
            }
        }
        rows.length = n;
    }

    private static int copy(byte[] from, byte[] to, int at) {
        System.arraycopy(from, 0, to, at, from.length);
        return at + from.length;
    }

    /** As {@link #appendNumber}, into {@code out} at {@code n}; returns the end. Whole values get a digit loop, no String. */
    private static int putNumber(byte[] out, int n, float value) {
        long whole = (long) value;
        if (value != whole || whole == Long.MIN_VALUE) {
            return copy(numberText(value).getBytes(StandardCharsets.US_ASCII), out, n);
        }
        if (whole < 0) {
            out[n++] = '-';
            whole = -whole;
        }
        int digits = 1;
        for (long rest = whole / 10; rest != 0; rest /= 10) {
            digits++;
        }
        for (int i = n + digits - 1; i >= n; i--) {
            out[i] = (byte) ('0' + whole % 10);
            whole /= 10;
        }
        return n + digits;
    }

    /** Shortest decimal form of a float, without exponent: 3 not 3.0, 0.00012 not 1.2E-4. */
    static void appendNumber(StringBuilder sb, float value) {
        sb.append(numberText(value));
    }

    private static String numberText(float value) {
        if (value == (long) value) {
            return Long.toString((long) value);
        }
        return new BigDecimal(Float.toString(value)).stripTrailingZeros().toPlainString();
    }

    /** Growing bytes of ASCII rows, reused from block to block. */
    private static final class Rows {
        private byte[] bytes;
        private int length;

        Rows(int capacity) {
            bytes = new byte[Math.max(64, capacity)];
        }

        /** The bytes, grown if needed so that {@code more} fit after the first {@code used}. */
        byte[] room(int used, int more) {
            if (used + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + more));
            }
            return bytes;
        }
    }
}
