package org.deepchrome.core.matrix;

import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.deepchrome.core.BadInputException;

/**
 * Where expression splits high (label 1, strictly above) from low: the median of the genes'
 * values (the paper's choice), a quantile of them, or a fixed number.
 */
public record Threshold(Kind kind, double parameter) {
    public enum Kind { MEDIAN, QUANTILE, VALUE }

    /** The paper's split, and the default wherever labels come from expression. */
    public static final Threshold MEDIAN = new Threshold(Kind.MEDIAN, 0.5);

    public static Threshold parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("median")) {
            return MEDIAN;
        }
        if (t.startsWith("quantile:")) {
            double q = number(text, t.substring("quantile:".length()));
            if (!(q > 0 && q < 1)) {
                throw new BadInputException("--threshold " + text + ": the quantile must lie between 0 and 1 (exclusive)");
            }
            return new Threshold(Kind.QUANTILE, q);
        }
        return new Threshold(Kind.VALUE, number(text, t));
    }

    /** The threshold for these expression values. */
    public double compute(double[] values) {
        return switch (kind) {
            case MEDIAN -> new Median().evaluate(values);
            case QUANTILE -> new Percentile(parameter * 100).evaluate(values);
            case VALUE -> parameter;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case MEDIAN -> "median";
            case QUANTILE -> "quantile:" + parameter;
            case VALUE -> Double.toString(parameter);
        };
    }

    private static double number(String option, String text) {
        try {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException("--threshold " + option + ": expected median, quantile:Q (0<Q<1) or a number");
    }
}
