package org.deepchrome.model;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * How well predicted levels agree with observed ones: Pearson r and Spearman ρ (Commons Math;
 * Spearman ranks ties by their mean rank), R² = 1 − Σ(o − p)² / Σ(o − ō)² (negative when the
 * predictions are worse than the mean) and RMSE. NaN where a figure is undefined (fewer than
 * two genes, or no variation in one side for the correlations, in the observed for R²).
 */
public record RegressionMetrics(double pearsonR, double spearmanRho, double r2, double rmse, int genes) {

    public static RegressionMetrics of(double[] predicted, double[] observed) {
        if (predicted.length != observed.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + observed.length + " observations");
        }
        int n = observed.length;
        double mean = 0;
        for (double o : observed) {
            mean += o;
        }
        mean /= Math.max(n, 1);
        double residual = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            residual += (observed[i] - predicted[i]) * (observed[i] - predicted[i]);
            total += (observed[i] - mean) * (observed[i] - mean);
        }
        double rmse = n == 0 ? Double.NaN : Math.sqrt(residual / n);
        double r2 = n < 2 || total == 0 ? Double.NaN : 1 - residual / total;
        return new RegressionMetrics(pearson(predicted, observed), spearman(predicted, observed), r2, rmse, n);
    }

    /** Pearson r, NaN when undefined (Commons Math refuses fewer than two values). */
    public static double pearson(double[] a, double[] b) {
        if (a.length < 2 || constant(a) || constant(b)) {
            return Double.NaN;
        }
        return new PearsonsCorrelation().correlation(a, b);
    }

    public static double spearman(double[] a, double[] b) {
        if (a.length < 2 || constant(a) || constant(b)) {
            return Double.NaN;
        }
        return new SpearmansCorrelation().correlation(a, b);
    }

    private static boolean constant(double[] a) {
        for (double v : a) {
            if (v != a[0]) {
                return false;
            }
        }
        return true;
    }
}
