package org.deepchrome.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RocAucTest {

    @Test
    void handComputedCaseWithTies() {
        // positives score 0.9, 0.5, 0.5; negatives 0.5, 0.2.
        // Pairs (pos, neg): (0.9,0.5)=1 (0.9,0.2)=1 (0.5,0.5)=½ (0.5,0.2)=1 (0.5,0.5)=½ (0.5,0.2)=1 → 5/6.
        double[] scores = {0.9, 0.5, 0.5, 0.5, 0.2};
        int[] labels = {1, 1, 1, 0, 0};
        assertEquals(5.0 / 6.0, RocAuc.auc(scores, labels), 1e-12);
    }

    @Test
    void perfectReversedAndAllTied() {
        assertEquals(1.0, RocAuc.auc(new double[] {0.9, 0.8, 0.1}, new int[] {1, 1, 0}), 1e-12);
        assertEquals(0.0, RocAuc.auc(new double[] {0.1, 0.2, 0.9}, new int[] {1, 1, 0}), 1e-12);
        assertEquals(0.5, RocAuc.auc(new double[] {0.3, 0.3, 0.3, 0.3}, new int[] {1, 0, 1, 0}), 1e-12);
    }

    @Test
    void curveStepsThroughTiedGroupsAndItsTrapezoidAreaIsTheAuc() {
        double[] scores = {0.9, 0.5, 0.5, 0.5, 0.2};
        int[] labels = {1, 1, 1, 0, 0};
        List<RocAuc.Point> points = RocAuc.curve(scores, labels);
        assertEquals(4, points.size());
        assertEquals(new RocAuc.Point(0, 1.0 / 3, 0.9), points.get(1));
        assertEquals(new RocAuc.Point(0.5, 1, 0.5), points.get(2));
        assertEquals(new RocAuc.Point(1, 1, 0.2), points.get(3));
        double area = 0;
        for (int i = 1; i < points.size(); i++) {
            area += (points.get(i).falsePositiveRate() - points.get(i - 1).falsePositiveRate())
                    * (points.get(i).truePositiveRate() + points.get(i - 1).truePositiveRate()) / 2;
        }
        assertEquals(RocAuc.auc(scores, labels), area, 1e-12);
    }

    @Test
    void accuracyCallsHighAtOneHalf() {
        assertEquals(0.75, RocAuc.accuracy(new double[] {0.5, 0.49, 0.7, 0.2}, new int[] {1, 0, 0, 0}), 1e-12);
    }

    @Test
    void refusesASingleClass() {
        assertThrows(IllegalArgumentException.class, () -> RocAuc.auc(new double[] {0.1, 0.2}, new int[] {1, 1}));
    }

    /** A NaN score once made auc() loop forever (NaN is never equal to itself); now it is refused at once. */
    @Test
    @Timeout(10)
    void refusesNonFiniteScores() {
        int[] labels = {1, 0, 1};
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            double[] scores = {0.9, bad, 0.2};
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RocAuc.auc(scores, labels));
            assertEquals("score 2 of 3 is " + bad + "; ROC analysis needs finite scores", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> RocAuc.curve(scores, labels));
        }
    }
}
