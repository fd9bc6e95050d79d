package org.deepchrome.visualize.attentive;

import org.deepchrome.visualize.charts.BinAxis;
import org.deepchrome.visualize.charts.ChartStyle;
import org.deepchrome.visualize.charts.ColorMaps;
import org.deepchrome.visualize.charts.Figure;
import org.deepchrome.visualize.charts.MarkBinHeatmap;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;

import java.awt.Font;
import java.util.ArrayList;
import java.util.List;

/** Attention panels: a marks × bins heat map of α with a bar chart of β over the marks beside it. */
public final class AttentionFigures {
    private static final int MAP_WIDTH = 700;
    private static final int BAR_WIDTH = 260;
    private static final int PANEL_HEIGHT = 240;

    private AttentionFigures() {
    }

    /**
     * One row per gene (or group): {@code alpha[i][mark][bin]}, {@code beta[i][mark]}; all α maps
     * share one colour range [0, max α], all β bars one axis [0, max β].
     */
    public static Figure build(List<String> titles, List<String> marks, double[][][] alpha, double[][] beta,
                               BinAxis axis) {
        int n = titles.size();
        double alphaMax = 0;
        for (double[][] a : alpha) {
            for (double[] row : a) {
                for (double v : row) {
                    alphaMax = Math.max(alphaMax, v);
                }
            }
        }
        double betaMax = 0;
        for (double[] b : beta) {
            for (double v : b) {
                betaMax = Math.max(betaMax, v);
            }
        }
        Figure figure = new Figure(MAP_WIDTH + BAR_WIDTH, Math.max(1, n) * PANEL_HEIGHT);
        for (int i = 0; i < n; i++) {
            HeatMapChart map = MarkBinHeatmap.sequential(titles.get(i) + ": bin attention α", marks, alpha[i], axis,
                    alphaMax, MAP_WIDTH, PANEL_HEIGHT);
            map.getStyler().setChartTitleFont(new Font(ChartStyle.FONT, Font.BOLD, 13));
            map.getStyler().setAxisTitleFont(new Font(ChartStyle.FONT, Font.PLAIN, 11));
            figure.add(map, 0, i * PANEL_HEIGHT, MAP_WIDTH, PANEL_HEIGHT);
            figure.add(betaBars(marks, beta[i], betaMax), MAP_WIDTH, i * PANEL_HEIGHT, BAR_WIDTH, PANEL_HEIGHT);
        }
        return figure;
    }

    private static CategoryChart betaBars(List<String> marks, double[] beta, double max) {
        CategoryChart chart = new CategoryChartBuilder().width(BAR_WIDTH).height(PANEL_HEIGHT)
                .title("mark attention β").xAxisTitle("").yAxisTitle("β").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartTitleFont(new Font(ChartStyle.FONT, Font.BOLD, 13));
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(MarkBinHeatmap.roundUp(max > 0 ? max : 1));
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setSeriesColors(new java.awt.Color[] {ColorMaps.HIGH});
        List<Double> values = new ArrayList<>();
        for (double b : beta) {
            values.add(b);
        }
        chart.addSeries("beta", new ArrayList<>(marks), values);
        return chart;
    }
}
