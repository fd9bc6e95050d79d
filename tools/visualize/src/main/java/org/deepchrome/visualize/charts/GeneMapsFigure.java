package org.deepchrome.visualize.charts;

import org.knowm.xchart.HeatMapChart;

import java.util.List;

/** Small multiples: one marks × bins heat map per gene, two columns, one shared signed colour range. */
public final class GeneMapsFigure {
    private static final int PANEL_WIDTH = 760;
    private static final int PANEL_HEIGHT = 230;

    private GeneMapsFigure() {
    }

    /** Genes fill the left column top to bottom, then the right column (e.g. top genes left, bottom right). */
    public static Figure build(List<String> titles, List<String> marks, double[][][] maps, BinAxis axis) {
        int n = titles.size();
        int columns = n > 1 ? 2 : 1;
        int rows = (n + columns - 1) / columns;
        double limit = MarkBinHeatmap.absMax(maps);
        Figure figure = new Figure(columns * PANEL_WIDTH, Math.max(1, rows) * PANEL_HEIGHT);
        for (int i = 0; i < n; i++) {
            HeatMapChart chart = MarkBinHeatmap.signed(titles.get(i), marks, maps[i], axis, limit, PANEL_WIDTH,
                    PANEL_HEIGHT);
            chart.getStyler().setChartTitleFont(new java.awt.Font(ChartStyle.FONT, java.awt.Font.BOLD, 13));
            chart.getStyler().setAxisTitleFont(new java.awt.Font(ChartStyle.FONT, java.awt.Font.PLAIN, 11));
            figure.add(chart, (i / rows) * PANEL_WIDTH, (i % rows) * PANEL_HEIGHT, PANEL_WIDTH, PANEL_HEIGHT);
        }
        return figure;
    }
}
