package org.deepchrome.visualize.io;

import org.apache.commons.csv.CSVRecord;
import org.deepchrome.core.BadInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The predictions TSV of deepchrome-predict:
 * {@code gene_id	probability_high	predicted_label[	label]}.
 */
public record Predictions(List<String> geneIds, double[] probabilityHigh, int[] labels) {
    public static final String GENE = "gene_id";
    public static final String PROBABILITY = "probability_high";
    public static final String PREDICTED = "predicted_label";
    public static final String LABEL = "label";

    public boolean hasLabels() {
        return labels != null;
    }

    public int size() {
        return geneIds.size();
    }

    public static Predictions read(Path file) {
        TsvTable table = TsvTable.read(file, "predictions", GENE, PROBABILITY, PREDICTED);
        boolean labelled = table.has(LABEL);
        int n = table.rows.size();
        List<String> ids = new ArrayList<>(n);
        double[] p = new double[n];
        int[] labels = labelled ? new int[n] : null;
        for (int i = 0; i < n; i++) {
            CSVRecord row = table.rows.get(i);
            ids.add(row.get(GENE));
            p[i] = table.number(row, PROBABILITY);
            if (p[i] < 0 || p[i] > 1) {
                throw BadInputException.at(file, TsvTable.lineOf(row), "probability_high " + p[i]
                        + " is outside [0, 1]");
            }
            table.binaryLabel(row, PREDICTED);
            if (labelled) {
                labels[i] = table.binaryLabel(row, LABEL);
            }
        }
        return new Predictions(List.copyOf(ids), p, labels);
    }
}
