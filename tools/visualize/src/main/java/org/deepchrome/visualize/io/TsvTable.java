package org.deepchrome.visualize.io;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.deepchrome.core.BadInputException;
import org.deepchrome.core.io.Inputs;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A tab-separated table with a header, read whole; cells are checked with file:line messages. */
final class TsvTable {
    final Path file;
    final Map<String, Integer> header;
    final List<CSVRecord> rows;

    private TsvTable(Path file, Map<String, Integer> header, List<CSVRecord> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    static TsvTable read(Path file, String what, String... requiredColumns) {
        CSVFormat format = CSVFormat.TDF.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        try (BufferedReader reader = Inputs.openText(file, what);
             CSVParser parser = format.parse(reader)) {
            Map<String, Integer> header = parser.getHeaderMap();
            for (String column : requiredColumns) {
                if (!header.containsKey(column)) {
                    throw BadInputException.at(file, 1, what + " header lacks column '" + column
                            + "' (found " + String.join(", ", parser.getHeaderNames()) + ")");
                }
            }
            List<CSVRecord> rows = new ArrayList<>();
            for (CSVRecord row : parser) {
                if (row.size() != header.size()) {
                    throw BadInputException.at(file, lineOf(row), "expected " + header.size()
                            + " tab-separated columns, found " + row.size());
                }
                rows.add(row);
            }
            if (rows.isEmpty()) {
                throw new BadInputException(file + ": " + what + " has no data rows");
            }
            return new TsvTable(file, header, rows);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new BadInputException(file + ": cannot read " + what + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) { // commons-csv: duplicate or empty header names
            throw BadInputException.at(file, 1, "bad header: " + e.getMessage());
        }
    }

    boolean has(String column) {
        return header.containsKey(column);
    }

    /** 1-based line of a record (the header is line 1). */
    static long lineOf(CSVRecord row) {
        return row.getRecordNumber() + 1;
    }

    double number(CSVRecord row, String column) {
        String s = row.get(column);
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw BadInputException.at(file, lineOf(row), "column " + column + ": '" + s + "' is not a finite number");
    }

    /** A number, or NaN where the table leaves the value out (empty, NA, NaN). */
    double numberOrMissing(CSVRecord row, String column) {
        String s = row.get(column);
        if (s.isEmpty() || s.equalsIgnoreCase("NA") || s.equalsIgnoreCase("NaN")) {
            return Double.NaN;
        }
        return number(row, column);
    }

    int binaryLabel(CSVRecord row, String column) {
        String s = row.get(column);
        return switch (s) {
            case "0", "0.0" -> 0;
            case "1", "1.0" -> 1;
            default -> throw BadInputException.at(file, lineOf(row), "column " + column + ": '" + s
                    + "' must be 0 or 1");
        };
    }
}
