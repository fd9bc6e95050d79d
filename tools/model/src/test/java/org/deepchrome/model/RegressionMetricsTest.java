package org.deepchrome.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pearson, Spearman, R² and RMSE against figures worked out by hand. */
class RegressionMetricsTest {
    /**
     * predicted 1..5, observed 2,4,5,4,5. Deviations p: −2,−1,0,1,2 (Σ² 10); o (mean 4): −2,0,1,0,1
     * (Σ² 6); Σ products 6 → r = 6/√60. Ranks of o with ties at their mean: 1, 2.5, 4.5, 2.5, 4.5
     * (deviations −2, −.5, 1.5, −.5, 1.5; Σ² 9; Σ products with p's ranks 7) → ρ = 7/√90.
     * Residuals o − p: 1,2,2,0,0 → SSres 9, SStot 6 → R² = 1 − 9/6 = −0.5, RMSE = √(9/5).
     */
    @Test
    void handWorkedCase() {
        RegressionMetrics m = RegressionMetrics.of(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 5, 4, 5});
        assertEquals(6 / Math.sqrt(60), m.pearsonR(), 1e-12);
        assertEquals(7 / Math.sqrt(90), m.spearmanRho(), 1e-12);
        assertEquals(-0.5, m.r2(), 1e-12);
        assertEquals(Math.sqrt(9.0 / 5), m.rmse(), 1e-12);
        assertEquals(5, m.genes());
    }

    /** A monotone but curved relation: ρ is exactly 1, r is below 1; a shifted copy keeps r but not R². */
    @Test
    void spearmanSeesOnlyTheOrderAndR2SeesTheScale() {
        double[] p = {1, 2, 3, 4};
        double[] cubed = {1, 8, 27, 64};
        RegressionMetrics m = RegressionMetrics.of(p, cubed);
        assertEquals(1.0, m.spearmanRho(), 1e-12);
        assertTrue(m.pearsonR() < 0.99 && m.pearsonR() > 0.9, "r " + m.pearsonR());
        // observed = predicted + 10: r = 1, but every residual is 10, SStot = 5 → R² = 1 − 400/5.
        RegressionMetrics shifted = RegressionMetrics.of(p, new double[] {11, 12, 13, 14});
        assertEquals(1.0, shifted.pearsonR(), 1e-12);
        assertEquals(1 - 400.0 / 5, shifted.r2(), 1e-12);
        assertEquals(10.0, shifted.rmse(), 1e-12);
    }

    @Test
    void perfectAndAntiPerfect() {
        double[] o = {0.5, 3, 1, 7};
        RegressionMetrics same = RegressionMetrics.of(o, o);
        assertEquals(1.0, same.pearsonR(), 1e-12);
        assertEquals(1.0, same.r2(), 1e-12);
        assertEquals(0.0, same.rmse(), 0.0);
        double[] negated = {-0.5, -3, -1, -7};
        assertEquals(-1.0, RegressionMetrics.of(negated, o).pearsonR(), 1e-12);
        assertEquals(-1.0, RegressionMetrics.of(negated, o).spearmanRho(), 1e-12);
    }

    @Test
    void undefinedFiguresAreNaN() {
        RegressionMetrics constant = RegressionMetrics.of(new double[] {2, 2, 2}, new double[] {1, 2, 3});
        assertTrue(Double.isNaN(constant.pearsonR()));
        assertTrue(Double.isNaN(constant.spearmanRho()));
        assertEquals(1 - 2.0 / 2, constant.r2(), 1e-12); // predicting the mean: R² = 0
        RegressionMetrics one = RegressionMetrics.of(new double[] {1}, new double[] {3});
        assertTrue(Double.isNaN(one.pearsonR()) && Double.isNaN(one.r2()));
        assertEquals(2.0, one.rmse(), 0.0);
    }
}
