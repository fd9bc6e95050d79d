package org.deepchrome.visualize.charts;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.awt.Color;

import static org.junit.jupiter.api.Assertions.assertTrue;

class LineChartsTest {
    /** Three epochs (the test profile): the first and last markers sit inside the frame, not on it. */
    @Test
    void epochAxesLeaveRoomAroundTheData() {
        double[] epochs = {1, 2, 3};
        double[] loss = {0.66, 0.50, 0.40};
        XYChart chart = LineCharts.epochChart("Training loss", "train loss", epochs, loss, Color.BLUE, 800, 350);
        assertTrue(chart.getStyler().getXAxisMin() < 1 && chart.getStyler().getXAxisMax() > 3,
                "x axis " + chart.getStyler().getXAxisMin() + ".." + chart.getStyler().getXAxisMax());
        assertTrue(chart.getStyler().getYAxisMin() < 0.40 && chart.getStyler().getYAxisMax() > 0.66,
                "y axis " + chart.getStyler().getYAxisMin() + ".." + chart.getStyler().getYAxisMax());
        // One epoch is ~226 px wide here; ticks closer than 0.6 epoch would be half epochs.
        assertTrue(chart.getStyler().getXAxisTickMarkSpacingHint() >= 0.6 * (800 - 120) / 2.2,
                "tick spacing hint " + chart.getStyler().getXAxisTickMarkSpacingHint());
    }

    @Test
    void aSingleConstantValueStillGetsARange() {
        XYChart chart = LineCharts.epochChart("Validation AUC", "valid AUC", new double[] {1}, new double[] {0.9},
                Color.RED, 800, 350);
        assertTrue(chart.getStyler().getYAxisMin() < 0.9 && chart.getStyler().getYAxisMax() > 0.9);
        assertTrue(chart.getStyler().getXAxisMin() < 1 && chart.getStyler().getXAxisMax() > 1);
    }
}
