package org.deepchrome.core.matrix;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.deepchrome.core.BadInputException;
import org.deepchrome.core.io.Inputs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads DeepChrome CSV matrices: {@code GeneID,BinID,<marks…>[,label]}, one row per bin,
 * the bins of a gene on consecutive rows in order 1..B. Without a header the marks are
 * {@link GeneMatrix#PAPER_MARKS}; a header ({@code gene_id,bin,<marks…>[,expression][,label]}) names them.
 * An {@code expression} column (written by bin-signals on request) gives each gene's expression
 * level, the same on every bin row of the gene; empty or NA means the gene has none.
 * A first line {@code # deepchrome-matrix values=signed} (then a header) allows negative values.
 * Plain or gzip. Every malformed row is reported as {@code file:line: what is wrong}.
 * A deepTools computeMatrix file is read by {@link ComputeMatrixFile} instead.
 */
public final class MatrixReader {
    /** Header name of the optional per-gene expression column (before the label column). */
    public static final String EXPRESSION_COLUMN = "expression";

    private MatrixReader() {
    }

    public static GeneMatrix read(Path file) {
        if (ComputeMatrixFile.detect(file)) { // deepTools computeMatrix output: '@{...}' header, samples = marks
            return ComputeMatrixFile.read(file);
        }
        try (BufferedReader reader = Inputs.openText(file, "matrix");
             CSVParser parser = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get()
                     .parse(reader)) {
            return parse(file, parser);
        } catch (UncheckedIOException e) {
            throw new BadInputException(file + ": cannot read matrix: " + e.getCause().getMessage(), e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read matrix: " + e.getMessage(), e);
        }
    }

    private static GeneMatrix parse(Path file, CSVParser parser) {
        List<String> marks = null;
        boolean signed = false;
        boolean hasLabel = false;
        boolean hasExpression = false;
        int expectedColumns = -1;
        int bins = -1;

        List<String> ids = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Float> targets = new ArrayList<>();
        Set<String> seen = new HashSet<>();

        String gene = null;
        float[] current = null;
        int currentBins = 0;
        int currentLabel = GeneMatrix.NO_LABEL;
        float currentTarget = Float.NaN;
        List<float[]> pendingRows = new ArrayList<>(); // rows of the first gene, before the bin count is known

        for (CSVRecord row : parser) {
            long line = parser.getCurrentLineNumber();
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            if (marks == null && !signed && ids.isEmpty() && row.get(0).startsWith("#")) {
                // only the first line may be the marker; any other '#' line is not a matrix row
                if (!String.join(",", row.toList()).equals(MatrixWriter.SIGNED_LINE)) {
                    throw BadInputException.at(file, line, "unknown first line '" + String.join(",", row.toList())
                            + "' (the only one known is '" + MatrixWriter.SIGNED_LINE + "')");
                }
                signed = true;
                continue;
            }
            if (marks == null) {
                if (signed && (row.size() < 2 || isInteger(row.get(1)))) {
                    throw BadInputException.at(file, line, "a signed matrix needs a header line gene_id,bin,<marks…>");
                }
                if (row.size() < 3) {
                    throw BadInputException.at(file, line, "expected gene,bin,<marks…>[,label], found "
                            + row.size() + " column(s)");
                }
                if (!isInteger(row.get(1))) { // a header line names the columns
                    List<String> names = row.toList();
                    hasLabel = names.get(names.size() - 1).equalsIgnoreCase("label");
                    int markEnd = names.size() - (hasLabel ? 1 : 0);
                    hasExpression = markEnd > 2 && names.get(markEnd - 1).equalsIgnoreCase(EXPRESSION_COLUMN);
                    marks = List.copyOf(names.subList(2, markEnd - (hasExpression ? 1 : 0)));
                    if (marks.isEmpty()) {
                        throw BadInputException.at(file, line, "header names no mark columns");
                    }
                    if (new HashSet<>(marks).size() != marks.size()) {
                        throw BadInputException.at(file, line, "header names a mark twice: " + marks);
                    }
                    expectedColumns = names.size();
                    continue;
                }
                int n = row.size();
                if (n != 7 && n != 8) {
                    throw BadInputException.at(file, line, "a matrix without header needs 7 or 8 columns "
                            + "(gene,bin,H3K27me3,H3K36me3,H3K4me1,H3K4me3,H3K9me3[,label]), found " + n);
                }
                marks = GeneMatrix.PAPER_MARKS;
                hasLabel = n == 8;
                expectedColumns = n;
            }
            if (row.size() != expectedColumns) {
                throw BadInputException.at(file, line, "expected " + expectedColumns + " columns, found "
                        + row.size());
            }
            String id = row.get(0);
            if (id.isEmpty()) {
                throw BadInputException.at(file, line, "empty gene id");
            }
            int bin = parseBin(file, line, row.get(1));
            int label = hasLabel ? parseLabel(file, line, row.get(expectedColumns - 1)) : GeneMatrix.NO_LABEL;
            float target = hasExpression ? parseTarget(file, line, row.get(2 + marks.size())) : Float.NaN;

            if (!id.equals(gene)) {
                if (gene != null) {
                    bins = finishGene(file, line - 1, gene, currentBins, bins);
                    ids.add(gene);
                    labels.add(currentLabel);
                    targets.add(currentTarget);
                    values.add(current != null ? current : toMarkMajor(pendingRows, marks.size()));
                }
                if (!seen.add(id)) {
                    throw BadInputException.at(file, line, "gene " + id
                            + " appears again after other genes (its bins must be on consecutive rows)");
                }
                gene = id;
                currentBins = 0;
                currentLabel = label;
                currentTarget = target;
                current = bins > 0 ? new float[marks.size() * bins] : null;
                pendingRows.clear();
            }
            if (bin != currentBins + 1) {
                throw BadInputException.at(file, line, "gene " + id + ": bin " + bin + " where bin "
                        + (currentBins + 1) + " was expected (bins must run 1..N in order)");
            }
            if (bins > 0 && bin > bins) {
                throw BadInputException.at(file, line, "gene " + id + " has more than " + bins
                        + " bins, as many as the first gene has");
            }
            if (label != currentLabel) {
                throw BadInputException.at(file, line, "gene " + id + ": label changes from "
                        + currentLabel + " to " + label + " within the gene");
            }
            if (Float.compare(target, currentTarget) != 0) {
                throw BadInputException.at(file, line, "gene " + id + ": expression changes from "
                        + text(currentTarget) + " to " + text(target) + " within the gene (it must be the same on "
                        + "every bin row)");
            }
            float[] rowValues = new float[marks.size()];
            for (int m = 0; m < marks.size(); m++) {
                rowValues[m] = parseValue(file, line, marks.get(m), row.get(2 + m), signed);
            }
            if (current != null) {
                for (int m = 0; m < marks.size(); m++) {
                    current[m * bins + currentBins] = rowValues[m];
                }
            } else {
                pendingRows.add(rowValues);
            }
            currentBins++;
        }
        if (gene == null) {
            throw new BadInputException(file + ": matrix holds no genes");
        }
        bins = finishGene(file, parser.getCurrentLineNumber(), gene, currentBins, bins);
        ids.add(gene);
        labels.add(currentLabel);
        targets.add(currentTarget);
        values.add(current != null ? current : toMarkMajor(pendingRows, marks.size()));

        int[] labelArray = null;
        if (hasLabel) {
            labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        }
        float[] targetArray = null;
        if (hasExpression) {
            targetArray = new float[targets.size()];
            for (int g = 0; g < targetArray.length; g++) {
                targetArray[g] = targets.get(g);
            }
        }
        GeneMatrix matrix = new GeneMatrix(marks, bins, ids, values, labelArray, targetArray);
        return signed ? matrix.asSigned() : matrix;
    }

    /** Checks the bin count of a finished gene; the first gene fixes it for the file. */
    private static int finishGene(Path file, long line, String gene, int geneBins, int bins) {
        if (bins > 0 && geneBins != bins) {
            throw BadInputException.at(file, line, "gene " + gene + " has " + geneBins + " bins, expected "
                    + bins + " like the genes before it");
        }
        return bins > 0 ? bins : geneBins;
    }

    private static float[] toMarkMajor(List<float[]> rows, int markCount) {
        int bins = rows.size();
        float[] v = new float[markCount * bins];
        for (int b = 0; b < bins; b++) {
            for (int m = 0; m < markCount; m++) {
                v[m * bins + b] = rows.get(b)[m];
            }
        }
        return v;
    }

    private static boolean isInteger(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int parseBin(Path file, long line, String s) {
        if (!isInteger(s) || s.length() > 9) {
            throw BadInputException.at(file, line, "bin '" + s + "' is not a positive integer");
        }
        return Integer.parseInt(s);
    }

    private static int parseLabel(Path file, long line, String s) {
        if (s.equals("0") || s.equals("0.0")) {
            return 0;
        }
        if (s.equals("1") || s.equals("1.0")) {
            return 1;
        }
        throw BadInputException.at(file, line, "label '" + s + "' must be 0 or 1");
    }

    /** An expression level: any finite number; empty or NA (any case) is "no value" (NaN). */
    private static float parseTarget(Path file, long line, String s) {
        if (s.isEmpty() || s.equalsIgnoreCase("NA") || s.equalsIgnoreCase("NaN")) {
            return Float.NaN;
        }
        float v;
        try {
            v = Float.parseFloat(s);
        } catch (NumberFormatException e) {
            throw BadInputException.at(file, line, "column " + EXPRESSION_COLUMN + ": '" + s + "' is not a number");
        }
        if (Float.isInfinite(v)) {
            throw BadInputException.at(file, line, "column " + EXPRESSION_COLUMN + ": '" + s + "' is not finite");
        }
        return v;
    }

    private static String text(float target) {
        return Float.isNaN(target) ? "NA" : Float.toString(target);
    }

    private static float parseValue(Path file, long line, String mark, String s, boolean signed) {
        float v;
        try {
            v = Float.parseFloat(s);
        } catch (NumberFormatException e) {
            throw BadInputException.at(file, line, "column " + mark + ": '" + s + "' is not a number");
        }
        if (signed ? !Float.isFinite(v) : !(v >= 0) || Float.isInfinite(v)) {
            throw BadInputException.at(file, line, "column " + mark + ": value " + s + (signed
                    ? " must be a finite number" : " must be a finite non-negative number (negative values need the"
                    + " first line '" + MatrixWriter.SIGNED_LINE + "')"));
        }
        return v;
    }
}
