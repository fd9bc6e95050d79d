package org.deepchrome.model.forest;

import java.util.Arrays;

/**
 * The training features as small integer codes, one column per feature, so that a split search
 * gathers one {@code char} per sample instead of sorting floats. A feature with at most
 * {@code maxBins} distinct values gets one code per value (splits are then exactly
 * scikit-learn's); a feature with more is cut at quantiles into at most {@code maxBins} bins.
 * Codes follow value order, and each bin remembers its smallest and largest training value so a
 * split between two codes can be turned back into a threshold on the raw value.
 */
final class FeatureBins {
    /** Codes are packed with a weight and a label into one int for sorting (see TreeGrower). */
    static final int MAX_BINS = 1 << 15;

    private final int samples;
    /** codes[feature][sample], in value order. */
    private final char[][] codes;
    /** Smallest and largest training value that fell in each bin of each feature. */
    private final float[][] binMin;
    private final float[][] binMax;

    private FeatureBins(int samples, char[][] codes, float[][] binMin, float[][] binMax) {
        this.samples = samples;
        this.codes = codes;
        this.binMin = binMin;
        this.binMax = binMax;
    }

    /** Bins the rows ({@code rows[sample][feature]}, no NaN) feature by feature. */
    static FeatureBins of(float[][] rows, int maxBins) {
        if (maxBins < 2 || maxBins > MAX_BINS) {
            throw new IllegalArgumentException("maxBins must be in 2.." + MAX_BINS + ", got " + maxBins);
        }
        int n = rows.length;
        int features = n == 0 ? 0 : rows[0].length;
        char[][] codes = new char[features][n];
        float[][] binMin = new float[features][];
        float[][] binMax = new float[features][];
        float[] column = new float[n];
        float[] sorted = new float[n];
        for (int f = 0; f < features; f++) {
            for (int i = 0; i < n; i++) {
                column[i] = rows[i][f];
            }
            System.arraycopy(column, 0, sorted, 0, n);
            Arrays.sort(sorted);
            float[] upper = upperBounds(sorted, maxBins);
            int bins = upper.length;
            float[] lo = new float[bins];
            float[] hi = new float[bins];
            Arrays.fill(lo, Float.POSITIVE_INFINITY);
            Arrays.fill(hi, Float.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                int code = codeOf(upper, column[i]);
                codes[f][i] = (char) code;
                lo[code] = Math.min(lo[code], column[i]);
                hi[code] = Math.max(hi[code], column[i]);
            }
            binMin[f] = lo;
            binMax[f] = hi;
        }
        return new FeatureBins(n, codes, binMin, binMax);
    }

    /**
     * The largest value of each bin, ascending: every distinct value when there are at most
     * {@code maxBins} of them, else the values at the 1/maxBins … quantiles (duplicates merged,
     * so a value heavier than one quantile step, such as a run of zeros, is one bin).
     */
    private static float[] upperBounds(float[] sorted, int maxBins) {
        int n = sorted.length;
        float[] distinct = new float[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m == 0 || sorted[i] != distinct[m - 1]) {
                distinct[m++] = sorted[i];
            }
        }
        if (m <= maxBins) {
            return Arrays.copyOf(distinct, m);
        }
        float[] bounds = new float[maxBins];
        int b = 0;
        for (int q = 1; q < maxBins; q++) {
            float v = sorted[(int) ((long) q * n / maxBins)];
            if (b == 0 || v != bounds[b - 1]) {
                bounds[b++] = v;
            }
        }
        // The last bin holds everything above the last quantile.
        if (bounds[b - 1] != sorted[n - 1]) {
            bounds[b++] = sorted[n - 1];
        }
        return Arrays.copyOf(bounds, b);
    }

    /** Index of the first bound ≥ value (values above the last bound go to the last bin). */
    private static int codeOf(float[] upper, float value) {
        int lo = 0;
        int hi = upper.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (upper[mid] >= value) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    int samples() {
        return samples;
    }

    int features() {
        return codes.length;
    }

    char[] codes(int feature) {
        return codes[feature];
    }

    int binCount(int feature) {
        return binMin[feature].length;
    }

    /**
     * Moves the samples of {@code inBag[start, end)} with code ≤ {@code below} to the front,
     * {@code moved[i]} (the grower's per-sample statistics) with them; returns where the rest begin.
     */
    static int partition(int[] inBag, long[] moved, int start, int end, char[] codes, int below) {
        int i = start;
        int j = end - 1;
        while (i <= j) {
            if (codes[inBag[i]] <= below) {
                i++;
            } else {
                int t = inBag[i];
                inBag[i] = inBag[j];
                inBag[j] = t;
                long m = moved[i];
                moved[i] = moved[j];
                moved[j] = m;
                j--;
            }
        }
        return i;
    }

    /** The most codes any feature has (at least 1): the size of a grower's per-code histogram. */
    int widestBinCount() {
        int widest = 1;
        for (int f = 0; f < features(); f++) {
            widest = Math.max(widest, binCount(f));
        }
        return widest;
    }

    /**
     * The threshold for "code ≤ {@code below}" against "code ≥ {@code above}" (two codes present
     * in a node, nothing between them there): the midpoint of the largest value below and the
     * smallest above, as scikit-learn does, nudged down if float rounding lands on the upper value.
     */
    float threshold(int feature, int below, int above) {
        float lo = binMax[feature][below];
        float hi = binMin[feature][above];
        float mid = (float) ((lo + (double) hi) / 2);
        return mid < hi ? mid : lo;
    }
}
