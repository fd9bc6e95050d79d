package org.deepchrome.visualize.charts;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RegressionChartsTest {
    /**
     * 100 points on one spot, 10 on another, 1 alone: cells of 100, 10 and 1 points. On the log
     * scale the shade is ⌊6·log(count)/log(100)⌋ capped at 5: 100 → 5, 10 → 3, 1 → 0.
     */
    @Test
    void densityClassFollowsTheLogOfTheCellCount() {
        int n = 111;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 100; i < 110; i++) {
            x[i] = 5;
            y[i] = 5;
        }
        x[110] = 10;
        y[110] = 0;
        int[] shade = RegressionCharts.densityClass(x, y);
        assertEquals(5, shade[0]);
        assertEquals(3, shade[105]);
        assertEquals(0, shade[110]);
        assertArrayEquals(new int[] {0, 0}, RegressionCharts.densityClass(new double[] {1, 2}, new double[] {1, 2}));
    }
}
