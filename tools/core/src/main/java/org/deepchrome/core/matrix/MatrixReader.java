package org.deepchrome.core.matrix;

import java.nio.file.Path;

/**
 * Reads DeepChrome CSV matrices: {@code GeneID,BinID,<marks…>[,label]}, one row per bin,
 * the bins of a gene on consecutive rows in order 1..B. Without a header the marks are
 * {@link GeneMatrix#PAPER_MARKS}; a header ({@code gene_id,bin,<marks…>[,expression][,label]}) names them.
 * An {@code expression} column (written by bin-signals on request) gives each gene's expression
 * level, the same on every bin row of the gene; empty or NA means the gene has none.
 * A first line {@code # deepchrome-matrix values=signed} (then a header) allows negative values.
 * Plain or gzip. Every malformed row is reported as {@code file:line: what is wrong}.
 * A deepTools computeMatrix file is read by {@link ComputeMatrixFile} instead.
 * The parsing is {@link MatrixStream}'s; this reads the whole matrix at once (a tool that can
 * work a chunk of genes at a time should stream instead).
 */
public final class MatrixReader {
    /** Header name of the optional per-gene expression column (before the label column). */
    public static final String EXPRESSION_COLUMN = "expression";

    private MatrixReader() {
    }

    public static GeneMatrix read(Path file) {
        try (MatrixStream stream = MatrixStream.open(file)) {
            return stream.next(Integer.MAX_VALUE);
        }
    }
}
