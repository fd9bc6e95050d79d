package org.deepchrome.visualize.charts;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The plots of a regression model: observed against predicted level, and residual (predicted −
 * observed) against observed, on the model's (transformed) scale. Thousands of points overlap,
 * so each point is coloured by how many points share its cell of a 2-D histogram (40 × 40 cells
 * over the plotted range), in {@link #SHADES} classes of a sequential colour map from sparse
 * (viridis purple) to dense (yellow); dense points are drawn last, on top.
 */
public final class RegressionCharts {
    static final int CELLS = 40;
    static final int SHADES = 6;

    private RegressionCharts() {
    }

    public static XYChart observedVsPredicted(double[] observed, double[] predicted, String scale, String title,
                                              int size) {
        XYChart chart = densityScatter(observed, predicted, title, "observed (" + scale + ")",
                "predicted (" + scale + ")", size, size);
        double lo = Math.min(min(observed), min(predicted));
        double hi = Math.max(max(observed), max(predicted));
        XYSeries diagonal = chart.addSeries("predicted = observed", new double[] {lo, hi}, new double[] {lo, hi});
        dashed(diagonal);
        return chart;
    }

    public static XYChart residuals(double[] observed, double[] predicted, String scale, String title, int width,
                                    int height) {
        double[] residual = new double[observed.length];
        for (int i = 0; i < residual.length; i++) {
            residual[i] = predicted[i] - observed[i];
        }
        XYChart chart = densityScatter(observed, residual, title, "observed (" + scale + ")",
                "residual: predicted − observed", width, height);
        XYSeries zero = chart.addSeries("zero", new double[] {min(observed), max(observed)}, new double[] {0, 0});
        dashed(zero);
        return chart;
    }

    /** Density class (0 = sparsest … SHADES − 1 = densest) of each point, from its 2-D histogram cell's count. */
    static int[] densityClass(double[] x, double[] y) {
        int n = x.length;
        double x0 = min(x);
        double y0 = min(y);
        double xw = Math.max(max(x) - x0, 1e-12) / CELLS;
        double yw = Math.max(max(y) - y0, 1e-12) / CELLS;
        int[] cell = new int[n];
        int[] count = new int[CELLS * CELLS];
        int densest = 0;
        for (int i = 0; i < n; i++) {
            int cx = Math.min(CELLS - 1, (int) ((x[i] - x0) / xw));
            int cy = Math.min(CELLS - 1, (int) ((y[i] - y0) / yw));
            cell[i] = cx * CELLS + cy;
            densest = Math.max(densest, ++count[cell[i]]);
        }
        int[] shade = new int[n];
        for (int i = 0; i < n; i++) {
            // log scale: one point and the densest cell at the two ends
            double f = densest <= 1 ? 0 : Math.log(count[cell[i]]) / Math.log(densest);
            shade[i] = Math.min(SHADES - 1, (int) (f * SHADES));
        }
        return shade;
    }

    private static XYChart densityScatter(double[] x, double[] y, String title, String xTitle, String yTitle,
                                          int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        int[] shade = densityClass(x, y);
        Color[] colours = ColorMaps.sequential();
        for (int s = 0; s < SHADES; s++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                if (shade[i] == s) {
                    xs.add(x[i]);
                    ys.add(y[i]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries(String.format(Locale.ROOT, "density %d/%d", s + 1, SHADES), xs, ys);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(colours[s * (colours.length - 1) / (SHADES - 1)]);
            series.setShowInLegend(s == 0 || s == SHADES - 1);
        }
        return chart;
    }

    private static void dashed(XYSeries line) {
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY).setLineStyle(new BasicStroke(1.2f,
                BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    }

    private static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
