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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gene expression values from a table with a header (tab- or comma-separated, told apart by
 * the header line): the first column is the gene id; the value column is named, or else the
 * first column after the id whose first value is a number. Empty and NA values mean "no
 * value" (the gene is left out); other non-numbers are errors naming the line.
 */
public final class ExpressionTable {
    private ExpressionTable() {
    }

    public static Map<String, Double> read(Path file, String column) {
        try (BufferedReader reader = Inputs.openText(file, "expression table")) {
            reader.mark(1 << 16);
            String header = reader.readLine();
            if (header == null || header.isBlank()) {
                throw new BadInputException(file + ": expression table is empty (expected a header line)");
            }
            reader.reset();
            CSVFormat format = (header.indexOf('\t') >= 0 ? CSVFormat.TDF : CSVFormat.DEFAULT).builder()
                    .setHeader().setSkipHeaderRecord(true).setTrim(true).setIgnoreEmptyLines(true).get();
            try (CSVParser parser = format.parse(reader)) {
                return parse(file, parser, column);
            }
        } catch (UncheckedIOException e) {
            throw new BadInputException(file + ": cannot read expression table: " + e.getCause().getMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException(file + ": cannot read expression table: " + e.getMessage(), e);
        }
    }

    private static Map<String, Double> parse(Path file, CSVParser parser, String column) {
        List<String> names = parser.getHeaderNames();
        if (names.size() < 2) {
            throw BadInputException.at(file, 1, "header names " + names.size()
                    + " column(s); expected a gene id column and a value column");
        }
        int valueColumn = column == null ? -1 : names.indexOf(column);
        if (column != null && valueColumn < 1) {
            throw BadInputException.at(file, 1, "no column named '" + column + "' after the id column; header: " + names);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Long> lines = new LinkedHashMap<>();
        for (CSVRecord row : parser) {
            long line = parser.getCurrentLineNumber();
            if (row.size() != names.size()) {
                throw BadInputException.at(file, line, "found " + row.size() + " column(s), the header names " + names.size());
            }
            if (valueColumn < 0) {
                valueColumn = firstNumericColumn(row);
                if (valueColumn < 0) {
                    throw BadInputException.at(file, line, "no numeric column after the gene id; name one with --expression-column");
                }
            }
            String id = row.get(0);
            Long earlier = lines.putIfAbsent(id, line);
            if (earlier != null) {
                throw BadInputException.at(file, line, "gene " + id + " appears again (first on line " + earlier + ")");
            }
            String text = row.get(valueColumn);
            if (text.isEmpty() || text.equalsIgnoreCase("NA") || text.equalsIgnoreCase("NaN")) {
                continue;
            }
            double v;
            try {
                v = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw BadInputException.at(file, line, "column " + names.get(valueColumn) + ": '" + text + "' is not a number");
            }
            if (!Double.isFinite(v)) {
                throw BadInputException.at(file, line, "column " + names.get(valueColumn) + ": '" + text + "' is not finite");
            }
            values.put(id, v);
        }
        return values;
    }

    private static int firstNumericColumn(CSVRecord row) {
        for (int c = 1; c < row.size(); c++) {
            try {
                Double.parseDouble(row.get(c));
                return c;
            } catch (NumberFormatException e) {
                // not this one
            }
        }
        return -1;
    }
}
