package org.deepchrome.visualize.io;

import org.apache.commons.csv.CSVRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The predictions TSV of deepchrome-predict for a regression model:
 * {@code gene_id	predicted[	observed]}, levels on the original scale (finite numbers, else the
 * row is refused); observed NA = none (NaN).
 */
public record RegressionPredictions(List<String> geneIds, double[] predicted, double[] observed) {
    public static final String PREDICTED = "predicted";
    public static final String OBSERVED = "observed";

    public boolean hasObserved() {
        return observed != null;
    }

    /** True when {@code file} has the regression layout (a {@code predicted} column, no {@code probability_high}). */
    public static boolean isRegression(Path file) {
        TsvTable table = TsvTable.read(file, "predictions", Predictions.GENE);
        return table.has(PREDICTED) && !table.has(Predictions.PROBABILITY);
    }

    public static RegressionPredictions read(Path file) {
        TsvTable table = TsvTable.read(file, "predictions", Predictions.GENE, PREDICTED);
        boolean withObserved = table.has(OBSERVED);
        int n = table.rows.size();
        List<String> ids = new ArrayList<>(n);
        double[] predicted = new double[n];
        double[] observed = withObserved ? new double[n] : null;
        for (int i = 0; i < n; i++) {
            CSVRecord row = table.rows.get(i);
            ids.add(row.get(Predictions.GENE));
            predicted[i] = table.number(row, PREDICTED);
            if (withObserved) {
                observed[i] = table.numberOrMissing(row, OBSERVED);
            }
        }
        return new RegressionPredictions(List.copyOf(ids), predicted, observed);
    }
}
