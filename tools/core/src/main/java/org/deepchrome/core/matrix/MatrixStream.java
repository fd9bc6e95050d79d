package org.deepchrome.core.matrix;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.deepchrome.core.BadInputException;
import org.deepchrome.core.io.Inputs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A matrix read a chunk of genes at a time, so that a tool can score a matrix of any size in
 * bounded memory (deepchrome-predict). The file rules and the one-line errors are those of
 * {@link MatrixReader#read}, which reads through this class: {@link #open} reads up to the end
 * of the first gene (which fixes the bin count), so the marks, bins, label and expression
 * columns and signedness are known before any scoring; a bad row further down surfaces from
 * the {@link #next} call that reaches it. What is kept across chunks is the set of gene ids
 * seen (a gene may not come back after other genes). Lines are split as commons-csv splits
 * them (see {@link Fields}), with little garbage per line: on 200,000 genes the JVM's heap
 * otherwise grew to well over a gigabyte around a live set of ~50 MB.
 * A deepTools computeMatrix file is read whole at open and handed out in chunks: whether it
 * is signed is known only once every value has been read.
 */
public final class MatrixStream implements AutoCloseable {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get();

    private final Path file;
    private final BufferedReader reader; // null for a computeMatrix file
    private long lineNumber; // lines read so far
    private String lastId; // the gene id of the last row read, shared by the gene's rows
    private final GeneMatrix whole; // a computeMatrix file, else null
    private int wholeNext;

    private List<String> marks;
    private boolean signed;
    private boolean hasLabel;
    private boolean hasExpression;
    private int expectedColumns = -1;
    private int bins = -1;
    private final Set<String> seen = new HashSet<>();
    /** The first row of the next gene, read (and checked) while finishing the gene before it. */
    private Row pending;
    /** The gene {@link #open} read, not yet handed out. */
    private Gene first;

    /** One data row, its columns checked; its mark values are parsed when the gene takes it. */
    /**
     * One data row, its columns checked; its mark values are parsed when the gene takes it.
     * Two are used in turn (the row being read and the one after it), not one per line.
     */
    private static final class Row {
        private final Fields fields = new Fields();
        private long line;
        private String id;
        private int bin;
        private int label;
        private float target;

        long line() {
            return line;
        }

        String id() {
            return id;
        }

        int bin() {
            return bin;
        }

        int label() {
            return label;
        }

        float target() {
            return target;
        }

        Fields fields() {
            return fields;
        }
    }

    private final Row[] rows = {new Row(), new Row()};
    private int spare; // the row nextRow fills next

    private record Gene(String id, float[] values, int label, float target) {
    }

    private MatrixStream(Path file, BufferedReader reader, GeneMatrix whole) {
        this.file = file;
        this.reader = reader;
        this.whole = whole;
    }

    /** Opens {@code file} (CSV plain or gzip, or computeMatrix) and reads its first gene. */
    public static MatrixStream open(Path file) {
        if (ComputeMatrixFile.detect(file)) { // deepTools computeMatrix output: '@{...}' header, samples = marks
            return new MatrixStream(file, null, ComputeMatrixFile.read(file));
        }
        BufferedReader reader = null;
        try {
            reader = Inputs.openText(file, "matrix");
            MatrixStream stream = new MatrixStream(file, reader, null);
            try {
                stream.first = stream.guarded(stream::readGene);
                if (stream.first == null) {
                    throw new BadInputException(file + ": matrix holds no genes");
                }
                return stream;
            } catch (RuntimeException e) {
                stream.closeQuietly();
                throw e;
            }
        } catch (IOException e) {
            closeQuietly(reader);
            throw new BadInputException(file + ": cannot read matrix: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(reader);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    public List<String> marks() {
        return whole != null ? whole.marks() : marks;
    }

    public int bins() {
        return whole != null ? whole.bins() : bins;
    }

    /** True when every gene carries a label (a {@code label} column). */
    public boolean hasLabels() {
        return whole != null ? whole.hasLabels() : hasLabel;
    }

    /** True when the matrix has an {@code expression} column. */
    public boolean hasTargets() {
        return whole != null ? whole.hasTargets() : hasExpression;
    }

    /** True when values may be negative (first line {@link MatrixWriter#SIGNED_LINE}, or a computeMatrix file with one). */
    public boolean signed() {
        return whole != null ? whole.signed() : signed;
    }

    /**
     * The next genes, at most {@code maxGenes} of them (fewer only at the end of the file), as a
     * matrix; null once every gene has been handed out.
     */
    public GeneMatrix next(int maxGenes) {
        if (maxGenes < 1) {
            throw new IllegalArgumentException("maxGenes must be at least 1");
        }
        if (whole != null) {
            return nextOfWhole(maxGenes);
        }
        return guarded(() -> {
            List<String> ids = new ArrayList<>();
            List<float[]> values = new ArrayList<>();
            int[] labels = new int[16];
            float[] targets = new float[16];
            while (ids.size() < maxGenes) {
                Gene gene = first != null ? first : readGene();
                first = null;
                if (gene == null) {
                    break;
                }
                int g = ids.size();
                if (g == labels.length) {
                    labels = java.util.Arrays.copyOf(labels, 2 * g);
                    targets = java.util.Arrays.copyOf(targets, 2 * g);
                }
                ids.add(gene.id());
                values.add(gene.values());
                labels[g] = gene.label();
                targets[g] = gene.target();
            }
            if (ids.isEmpty()) {
                return null;
            }
            int n = ids.size();
            GeneMatrix chunk = new GeneMatrix(marks, bins, ids, values, hasLabel ? java.util.Arrays.copyOf(labels, n)
                    : null, hasExpression ? java.util.Arrays.copyOf(targets, n) : null);
            return signed ? chunk.asSigned() : chunk;
        });
    }

    private GeneMatrix nextOfWhole(int maxGenes) {
        int genes = whole.geneCount();
        if (wholeNext >= genes) {
            return null;
        }
        int from = wholeNext;
        int to = (int) Math.min(genes, (long) from + maxGenes);
        wholeNext = to;
        if (from == 0 && to == genes) {
            return whole;
        }
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return whole.subset(idx);
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                throw new BadInputException(file + ": cannot read matrix: " + e.getMessage(), e);
            }
        }
    }

    /** Runs a read step, turning I/O failures inside the CSV parser into the matrix's one-line error. */
    private <T> T guarded(Supplier<T> step) {
        try {
            return step.get();
        } catch (UncheckedIOException e) {
            throw new BadInputException(file + ": cannot read matrix: " + e.getCause().getMessage(), e);
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            // the error being reported matters more
        }
    }

    private static void closeQuietly(BufferedReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                // the error being reported matters more
            }
        }
    }

    /** Reads the next gene whole, or returns null at the end of the file. */
    private Gene readGene() {
        Row row = pending != null ? pending : nextRow();
        pending = null;
        if (row == null) {
            return null;
        }
        String id = row.id();
        if (!seen.add(id)) {
            throw BadInputException.at(file, row.line(), "gene " + id
                    + " appears again after other genes (its bins must be on consecutive rows)");
        }
        int label = row.label();
        float target = row.target();
        float[] current = bins > 0 ? new float[marks.size() * bins] : null;
        List<float[]> firstRows = current == null ? new ArrayList<>() : null; // the first gene: bin count unknown
        int count = 0;
        while (true) {
            long line = row.line();
            if (row.bin() != count + 1) {
                throw BadInputException.at(file, line, "gene " + id + ": bin " + row.bin() + " where bin "
                        + (count + 1) + " was expected (bins must run 1..N in order)");
            }
            if (bins > 0 && row.bin() > bins) {
                throw BadInputException.at(file, line, "gene " + id + " has more than " + bins
                        + " bins, as many as the first gene has");
            }
            if (row.label() != label) {
                throw BadInputException.at(file, line, "gene " + id + ": label changes from "
                        + label + " to " + row.label() + " within the gene");
            }
            if (Float.compare(row.target(), target) != 0) {
                throw BadInputException.at(file, line, "gene " + id + ": expression changes from "
                        + text(target) + " to " + text(row.target()) + " within the gene (it must be the same on "
                        + "every bin row)");
            }
            // straight into the gene's array: no array per row (garbage is what grows the heap)
            float[] rowValues = current == null ? new float[marks.size()] : null;
            for (int m = 0; m < marks.size(); m++) {
                float v = parseValue(line, marks.get(m), row.fields(), 2 + m);
                if (current != null) {
                    current[m * bins + count] = v;
                } else {
                    rowValues[m] = v;
                }
            }
            if (current == null) {
                firstRows.add(rowValues);
            }
            count++;
            Row next = nextRow();
            if (next == null) {
                bins = finishGene(lineNumber, id, count);
                break;
            }
            if (!next.id().equals(id)) {
                bins = finishGene(next.line() - 1, id, count);
                pending = next;
                break;
            }
            row = next;
        }
        return new Gene(id, current != null ? current : toMarkMajor(firstRows, marks.size()), label, target);
    }

    /**
     * The next data row with its gene id, bin, label and expression checked; the marker and
     * header lines before the first row set up the columns. Null at the end of the file.
     */
    private Row nextRow() {
        Row next = rows[spare];
        Fields row = next.fields;
        String text;
        while ((text = readLine()) != null) {
            long line = ++lineNumber;
            if (!row.set(file, line, text) || row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            if (marks == null && !signed && row.get(0).startsWith("#")) {
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
                    header(line, row.toList());
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
            String id = row.is(0, lastId) ? lastId : row.get(0);
            lastId = id;
            if (id.isEmpty()) {
                throw BadInputException.at(file, line, "empty gene id");
            }
            int bin = parseBin(line, row);
            int label = hasLabel ? parseLabel(line, row, expectedColumns - 1) : GeneMatrix.NO_LABEL;
            float target = hasExpression ? parseTarget(line, row.get(2 + marks.size())) : Float.NaN;
            next.line = line;
            next.id = id;
            next.bin = bin;
            next.label = label;
            next.target = target;
            spare ^= 1;
            return next;
        }
        return null;
    }

    private void header(long line, List<String> names) {
        hasLabel = names.get(names.size() - 1).equalsIgnoreCase("label");
        int markEnd = names.size() - (hasLabel ? 1 : 0);
        hasExpression = markEnd > 2 && names.get(markEnd - 1).equalsIgnoreCase(MatrixReader.EXPRESSION_COLUMN);
        marks = List.copyOf(names.subList(2, markEnd - (hasExpression ? 1 : 0)));
        if (marks.isEmpty()) {
            throw BadInputException.at(file, line, "header names no mark columns");
        }
        if (new HashSet<>(marks).size() != marks.size()) {
            throw BadInputException.at(file, line, "header names a mark twice: " + marks);
        }
        expectedColumns = names.size();
    }

    /** Checks the bin count of a finished gene; the first gene fixes it for the file. */
    private int finishGene(long line, String gene, int geneBins) {
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

    private int parseBin(long line, Fields row) {
        int count = row.asciiDigits(1);
        if (count >= 0) {
            return count;
        }
        String s = row.get(1); // other digits (Character.isDigit) are read as before
        if (!isInteger(s) || s.length() > 9) {
            throw BadInputException.at(file, line, "bin '" + s + "' is not a positive integer");
        }
        return Integer.parseInt(s);
    }

    private int parseLabel(long line, Fields row, int column) {
        if (row.is(column, "0") || row.is(column, "0.0")) {
            return 0;
        }
        if (row.is(column, "1") || row.is(column, "1.0")) {
            return 1;
        }
        throw BadInputException.at(file, line, "label '" + row.get(column) + "' must be 0 or 1");
    }

    /** An expression level: any finite number; empty or NA (any case) is "no value" (NaN). */
    private float parseTarget(long line, String s) {
        if (s.isEmpty() || s.equalsIgnoreCase("NA") || s.equalsIgnoreCase("NaN")) {
            return Float.NaN;
        }
        float v;
        try {
            v = Float.parseFloat(s);
        } catch (NumberFormatException e) {
            throw BadInputException.at(file, line, "column " + MatrixReader.EXPRESSION_COLUMN + ": '" + s
                    + "' is not a number");
        }
        if (Float.isInfinite(v)) {
            throw BadInputException.at(file, line, "column " + MatrixReader.EXPRESSION_COLUMN + ": '" + s
                    + "' is not finite");
        }
        return v;
    }

    private static String text(float target) {
        return Float.isNaN(target) ? "NA" : Float.toString(target);
    }

    /**
     * Plain counts (digits only), what most matrices hold, are converted here: the same
     * correctly rounded float as {@link Float#parseFloat} without its two objects per call.
     */
    private float parseValue(long line, String mark, Fields row, int column) {
        int count = row.asciiDigits(column);
        if (count >= 0) {
            return count;
        }
        String s = row.get(column);
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

    private String readLine() {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read matrix: " + e.getMessage(), e);
        }
    }

    /**
     * The fields of one line, as commons-csv (DEFAULT format, trimmed) gives them. A plain line
     * (no quote, no whitespace or control character: what matrices are made of) is only cut at
     * its commas, and a field becomes a String only when asked for: one String per line instead
     * of one per field and a record, a garbage rate that made the JVM grow its heap past a
     * gigabyte on 20 million rows. Any other line goes through commons-csv as a record of its
     * own (a quoted field spanning lines, which no matrix needs, is therefore an error).
     */
    private static final class Fields {
        private String text; // a plain line, or null
        private int[] ends = new int[16]; // end of each field in text (the next comma, or the line's end)
        private int count; // fields of a plain line
        private String[] values; // fields commons-csv parsed, or null

        /** Takes the line's fields; false for a line commons-csv skips (empty). */
        boolean set(Path file, long line, String textLine) {
            text = null;
            values = null;
            if (textLine.isEmpty()) {
                return false;
            }
            int n = 0;
            for (int i = 0; i < textLine.length(); i++) {
                char c = textLine.charAt(i);
                if (c == ',') {
                    if (n == ends.length - 1) {
                        ends = java.util.Arrays.copyOf(ends, 2 * ends.length);
                    }
                    ends[n++] = i;
                } else if (c == '"' || c <= ' ') {
                    return parsed(file, line, textLine);
                }
            }
            ends[n] = textLine.length();
            count = n + 1;
            text = textLine;
            return true;
        }

        private boolean parsed(Path file, long line, String textLine) {
            try (CSVParser parser = FORMAT.parse(new StringReader(textLine))) {
                List<CSVRecord> records = parser.getRecords();
                if (records.isEmpty()) {
                    return false;
                }
                values = records.get(0).values();
                return true;
            } catch (IOException e) {
                throw BadInputException.at(file, line, "cannot read matrix: " + e.getMessage());
            } catch (UncheckedIOException e) {
                throw BadInputException.at(file, line, "cannot read matrix: " + e.getCause().getMessage());
            }
        }

        int size() {
            return values != null ? values.length : count;
        }

        private int start(int i) {
            return i == 0 ? 0 : ends[i - 1] + 1;
        }

        String get(int i) {
            return values != null ? values[i] : text.substring(start(i), ends[i]);
        }

        List<String> toList() {
            List<String> list = new ArrayList<>(size());
            for (int i = 0; i < size(); i++) {
                list.add(get(i));
            }
            return list;
        }

        /** True when field {@code i} equals {@code s} (false for null), without copying the field. */
        boolean is(int i, String s) {
            if (s == null) {
                return false;
            }
            if (values != null) {
                return values[i].equals(s);
            }
            int from = start(i);
            return ends[i] - from == s.length() && text.regionMatches(from, s, 0, s.length());
        }

        /** The value of field {@code i} when it is 1 to 9 ASCII digits, else -1. */
        int asciiDigits(int i) {
            String s = values != null ? values[i] : text;
            int from = values != null ? 0 : start(i);
            int to = values != null ? s.length() : ends[i];
            if (to - from < 1 || to - from > 9) {
                return -1;
            }
            int v = 0;
            for (int k = from; k < to; k++) {
                char c = s.charAt(k);
                if (c < '0' || c > '9') {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v;
        }
    }
}
