package org.deepchrome.visualize.charts;

import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;

/** One look for every chart of the tool: white background, readable sans-serif fonts. */
public final class ChartStyle {
    public static final String FONT = Font.SANS_SERIF;

    private ChartStyle() {
    }

    public static void apply(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(FONT, Font.BOLD, 16));
        styler.setAxisTitleFont(new Font(FONT, Font.PLAIN, 14));
        styler.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 12));
        styler.setLegendFont(new Font(FONT, Font.PLAIN, 12));
        styler.setLegendBorderColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setPlotGridLinesColor(new Color(0xE0E0E0));
        styler.setAnnotationLineColor(Color.BLACK);
        styler.setAnnotationLineStroke(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartPadding(8);
        // XChart shrinks the data area below 1.0 without moving the ticks with it; keep them in register.
        styler.setPlotContentSize(1.0);
    }
}
