package org.deepchrome.model;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RidgeTrainerTest {
    /** y = 2 x0 − 3 x1 + 1 exactly, x2 noise-free nuisance, x3 constant: a tiny penalty recovers it. */
    @Test
    void smallPenaltyRecoversAnExactLinearRelation() {
        SplittableRandom r = new SplittableRandom(4);
        int n = 200;
        float[][] rows = new float[n][4];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i][0] = (float) r.nextDouble(0, 5);
            rows[i][1] = (float) r.nextDouble(-1, 1);
            rows[i][2] = (float) r.nextDouble(10, 20);
            rows[i][3] = 7f;
            y[i] = 2 * rows[i][0] - 3 * rows[i][1] + 1;
        }
        LinearModel.Parameters p = new RidgeTrainer(rows, y).fit(1e-8);
        assertEquals(2, p.weights()[0], 1e-5);
        assertEquals(-3, p.weights()[1], 1e-5);
        assertEquals(0, p.weights()[2], 1e-5);
        assertEquals(0, p.weights()[3], 0.0, "a constant feature gets no weight");
        assertEquals(1, p.bias(), 1e-4);
    }

    /**
     * One standardised feature: the closed form is w = Σzy / (Σz² + α) = Σzy / (n + α). With
     * z = ±1 (n = 4) and y = 3z + 5, Σzy = 12: α = 4 halves the slope to 1.5 (per unit of z,
     * whose standard deviation is 1 here), and the bias stays the mean 5.
     */
    @Test
    void penaltyShrinksAsTheClosedFormSays() {
        float[][] rows = {{-1}, {1}, {-1}, {1}};
        double[] y = {2, 8, 2, 8};
        RidgeTrainer trainer = new RidgeTrainer(rows, y);
        assertEquals(1.5, trainer.fit(4).weights()[0], 1e-12);
        assertEquals(5, trainer.fit(4).bias(), 1e-12);
        double huge = trainer.fit(1e9).weights()[0];
        assertTrue(Math.abs(huge) < 1e-7, "a huge penalty leaves almost no slope: " + huge);
    }
}
