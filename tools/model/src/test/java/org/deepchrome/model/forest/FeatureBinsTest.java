package org.deepchrome.model.forest;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureBinsTest {
    @Test
    void fewDistinctValuesGetOneCodeEachAndMidpointThresholds() {
        float[][] rows = column(0f, 2f, 0f, 1f, 2f, 0f);
        FeatureBins bins = FeatureBins.of(rows, 256);
        assertEquals(3, bins.binCount(0));
        assertEquals("0,2,0,1,2,0", codes(bins, 0));
        // Splits between present codes: midpoints of the values, as scikit-learn's thresholds.
        assertEquals(0.5f, bins.threshold(0, 0, 1));
        assertEquals(1.5f, bins.threshold(0, 1, 2));
        assertEquals(1.0f, bins.threshold(0, 0, 2), "codes 0 and 2 present, 1 absent from the node");
    }

    @Test
    void manyDistinctValuesAreCutAtQuantilesKeepingValueOrder() {
        Random r = new Random(3);
        float[][] rows = new float[5000][1];
        for (float[] row : rows) {
            // A run of zeros heavier than one quantile step, then a long tail.
            row[0] = r.nextInt(3) == 0 ? 0f : (float) Math.exp(r.nextGaussian());
        }
        FeatureBins bins = FeatureBins.of(rows, 16);
        assertTrue(bins.binCount(0) <= 16 && bins.binCount(0) >= 12, "bins " + bins.binCount(0));
        char[] codes = bins.codes(0);
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows.length; j += 97) {
                if (rows[i][0] < rows[j][0]) {
                    assertTrue(codes[i] <= codes[j], "codes follow value order");
                }
            }
            if (rows[i][0] == 0f) {
                assertEquals(0, codes[i], "all zeros share the first bin");
            }
        }
        // Every training value lies on its side of every threshold between consecutive bins.
        for (int b = 0; b + 1 < bins.binCount(0); b++) {
            float t = bins.threshold(0, b, b + 1);
            for (int i = 0; i < rows.length; i++) {
                assertEquals(codes[i] <= b, rows[i][0] <= t, "value " + rows[i][0] + " vs threshold " + t);
            }
        }
    }

    @Test
    void thresholdBetweenAdjacentFloatsStaysBelowTheUpperValue() {
        float a = 1.0f;
        float b = Math.nextUp(a);
        FeatureBins bins = FeatureBins.of(column(a, b), 256);
        float t = bins.threshold(0, 0, 1);
        assertTrue(a <= t && b > t, "threshold " + t);
    }

    static float[][] column(float... values) {
        float[][] rows = new float[values.length][];
        for (int i = 0; i < values.length; i++) {
            rows[i] = new float[] {values[i]};
        }
        return rows;
    }

    private static String codes(FeatureBins bins, int feature) {
        StringBuilder s = new StringBuilder();
        for (char c : bins.codes(feature)) {
            s.append(s.length() == 0 ? "" : ",").append((int) c);
        }
        return s.toString();
    }
}
