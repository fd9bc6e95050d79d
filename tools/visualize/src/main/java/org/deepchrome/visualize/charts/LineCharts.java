package org.deepchrome.visualize.charts;

import org.deepchrome.model.RocAuc;
import org.deepchrome.visualize.io.EpochLog;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The ROC curve and the training curves, as XChart line charts. */
public final class LineCharts {
    private LineCharts() {
    }

    public static XYChart roc(List<RocAuc.Point> curve, double auc, String title, int size) {
        XYChart chart = new XYChartBuilder().width(size).height(size).title(title)
                .xAxisTitle("false positive rate").yAxisTitle("true positive rate").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        // A hair beyond [0, 1] so that the 0 and 1 ticks are drawn and the curve's ends stay visible.
        chart.getStyler().setXAxisMin(-0.01).setXAxisMax(1.01).setYAxisMin(-0.01).setYAxisMax(1.01);
        chart.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
        double[] fpr = curve.stream().mapToDouble(RocAuc.Point::falsePositiveRate).toArray();
        double[] tpr = curve.stream().mapToDouble(RocAuc.Point::truePositiveRate).toArray();
        XYSeries line = chart.addSeries(String.format(Locale.ROOT, "model (AUC %.3f)", auc), fpr, tpr);
        line.setMarker(SeriesMarkers.NONE).setLineColor(ColorMaps.HIGH).setLineWidth(2.5f);
        XYSeries chance = chart.addSeries("chance (AUC 0.5)", new double[] {0, 1}, new double[] {0, 1});
        chance.setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY)
                .setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {6f, 4f}, 0f));
        return chart;
    }

    /** Training loss per epoch (top) and validation AUC per epoch (bottom), one figure. */
    public static Figure trainingCurves(EpochLog log, int width, int height) {
        int half = height / 2;
        XYChart loss = epochChart("Training loss", "train loss", log.epoch(), log.trainLoss(),
                ColorMaps.LOW, width, half);
        XYChart auc = epochChart(log.pearson() ? "Validation Pearson r" : "Validation AUC",
                log.pearson() ? "valid r" : "valid AUC", log.epoch(), log.validAuc(), ColorMaps.HIGH, width, height - half);
        return new Figure(width, height).add(loss, 0, 0, width, half).add(auc, 0, half, width, height - half);
    }

    static XYChart epochChart(String title, String yTitle, double[] epochs, double[] values, Color colour,
            int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisDecimalPattern("0");
        double[][] present = withoutMissing(epochs, values);
        if (present[0].length == 0) { // e.g. a baseline model logs no loss
            present = new double[][] {{epochs[0]}, {0}};
            chart.setTitle(title + " (not recorded)");
        }
        padAxes(chart, present[0], present[1]);
        XYSeries s = chart.addSeries(yTitle, present[0], present[1]);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(colour);
        s.setLineColor(colour);
        s.setLineWidth(2f);
        return chart;
    }

    /**
     * Room around the first and last epochs and 5 % above and below the values, so markers are not
     * cut by the frame and the first and last epochs get their tick labels.
     */
    private static void padAxes(XYChart chart, double[] epochs, double[] values) {
        double firstEpoch = Arrays.stream(epochs).min().orElse(1);
        double lastEpoch = Arrays.stream(epochs).max().orElse(1);
        double pad = 0.04 * Math.max(lastEpoch - firstEpoch, 1);
        chart.getStyler().setXAxisMin(firstEpoch - pad).setXAxisMax(lastEpoch + pad);
        // Ticks at least 0.6 epoch apart: XChart then picks whole epochs, never halves.
        double pixelsPerEpoch = (chart.getWidth() - 120) / (lastEpoch - firstEpoch + 2 * pad);
        chart.getStyler().setXAxisTickMarkSpacingHint((int) Math.max(74, 0.6 * pixelsPerEpoch));
        double low = Arrays.stream(values).min().orElse(0);
        double high = Arrays.stream(values).max().orElse(0);
        double margin = high > low ? 0.05 * (high - low) : Math.max(0.05 * Math.abs(high), 0.01);
        chart.getStyler().setYAxisMin(low - margin).setYAxisMax(high + margin);
    }

    private static double[][] withoutMissing(double[] x, double[] y) {
        int n = 0;
        for (double v : y) {
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                xs[k] = x[i];
                ys[k++] = y[i];
            }
        }
        return new double[][] {xs, ys};
    }
}
