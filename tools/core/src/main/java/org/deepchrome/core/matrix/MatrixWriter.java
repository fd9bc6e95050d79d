package org.deepchrome.core.matrix;

import org.deepchrome.core.io.AtomicFile;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Path;

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
            int bins = matrix.bins();
            StringBuilder row = new StringBuilder(128);
            for (int g = 0; g < matrix.geneCount(); g++) {
                String id = matrix.geneId(g);
                float[] v = matrix.values(g);
                for (int b = 0; b < bins; b++) {
                    row.setLength(0);
                    row.append(id).append(',').append(b + 1);
                    for (int m = 0; m < matrix.markCount(); m++) {
                        row.append(',');
                        appendNumber(row, v[m * bins + b]);
                    }
                    if (matrix.hasTargets()) {
                        row.append(',');
                        if (Float.isNaN(matrix.target(g))) {
                            row.append("NA");
                        } else {
                            appendNumber(row, matrix.target(g));
                        }
                    }
                    if (matrix.hasLabels()) {
                        row.append(',').append(matrix.label(g));
                    }
                    row.append('\n');
                    w.append(row);
                }
            }
            w.flush();
            out.commit();
        }
    }

    /** Shortest decimal form of a float, without exponent: 3 not 3.0, 0.00012 not 1.2E-4. */
    static void appendNumber(StringBuilder sb, float value) {
        if (value == (long) value) {
            sb.append((long) value);
        } else {
            sb.append(new BigDecimal(Float.toString(value)).stripTrailingZeros().toPlainString());
        }
    }
}
