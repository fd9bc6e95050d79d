package org.deepchrome.visualize.charts;

import org.deepchrome.core.matrix.GeneMatrix;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * deepTools-style TSS heat map of the input signal: one column per mark; in each, the mean
 * profile of the genes predicted high and of those predicted low on top, and below it the genes
 * as rows sorted by predicted probability of high expression (highest on top). Many genes are
 * averaged into at most {@code maxRows} display rows, as a raster would at that height anyway;
 * each mark's colour range runs from 0 to its 98th percentile so a few outliers do not wash it out.
 */
public final class ProfileHeatmap {
    private static final int PROFILE_HEIGHT = 260;
    private static final int HEATMAP_HEIGHT = 640;
    private static final int PANEL_WIDTH = 360;
    /** Room the heat map's colour bar takes on the right, left free under the profile so the x axes line up. */
    private static final int COLOUR_BAR_ROOM = 92;

    private ProfileHeatmap() {
    }

    public static Figure build(GeneMatrix matrix, double[] probabilityHigh, BinAxis axis, int maxRows) {
        return build(matrix, probabilityHigh, axis, maxRows, "predicted P(high)");
    }

    /**
     * {@code probabilityHigh}: any score in [0, 1] that orders the genes, split into two groups at
     * 0.5 (a regression model passes each gene's percentile of predicted level); {@code sortedBy}
     * names it on the y axis.
     */
    public static Figure build(GeneMatrix matrix, double[] probabilityHigh, BinAxis axis, int maxRows,
                               String sortedBy) {
        int genes = matrix.geneCount();
        Integer[] order = new Integer[genes];
        for (int g = 0; g < genes; g++) {
            order[g] = g;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer g) -> probabilityHigh[g]).reversed()
                .thenComparing(g -> matrix.geneId(g)));
        int predictedHigh = 0;
        for (double p : probabilityHigh) {
            if (p >= 0.5) {
                predictedHigh++;
            }
        }
        int rows = Math.min(genes, maxRows);
        int marks = matrix.markCount();
        Figure figure = new Figure(PANEL_WIDTH * marks, PROFILE_HEIGHT + HEATMAP_HEIGHT);
        for (int m = 0; m < marks; m++) {
            String mark = matrix.marks().get(m);
            XYChart profile = profile(matrix, m, order, predictedHigh, axis);
            HeatMapChart heatmap = heatmap(matrix, m, order, rows, predictedHigh, axis, m == 0 ? sortedBy : null);
            int x = m * PANEL_WIDTH;
            figure.add(profile, x, 0, PANEL_WIDTH - COLOUR_BAR_ROOM, PROFILE_HEIGHT);
            figure.add(heatmap, x, PROFILE_HEIGHT, PANEL_WIDTH, HEATMAP_HEIGHT);
            profile.setTitle(mark);
        }
        return figure;
    }

    private static XYChart profile(GeneMatrix matrix, int mark, Integer[] order, int predictedHigh, BinAxis axis) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH - COLOUR_BAR_ROOM).height(PROFILE_HEIGHT)
                .xAxisTitle("kb from TSS").yAxisTitle(mark == 0 ? "mean signal, predicted" : "").build();
        ChartStyle.apply(chart.getStyler());
        // The legend below every profile: inside it would hide the lines, on one panel only it
        // would make that panel's plot shorter than its neighbours'.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setLegendFont(new java.awt.Font(ChartStyle.FONT, java.awt.Font.PLAIN, 10));
        chart.getStyler().setLegendPadding(2);
        chart.getStyler().setXAxisTickMarkSpacingHint(30);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0.##");
        double half = axis.bins() * axis.binSize() / 2000.0;
        chart.getStyler().setXAxisMin(-half);
        chart.getStyler().setXAxisMax(half);
        chart.getStyler().setXAxisDecimalPattern("0.#");
        int bins = axis.bins();
        double[] x = new double[bins];
        for (int b = 0; b < bins; b++) {
            x[b] = (axis.offset(b + 1) + axis.binSize() / 2.0) / 1000.0;
        }
        int genes = order.length;
        double top = Math.max(addMean(chart, "high (" + predictedHigh + ")", matrix, mark, order, 0,
                predictedHigh, x, ColorMaps.HIGH), addMean(chart, "low (" + (genes - predictedHigh) + ")",
                matrix, mark, order, predictedHigh, genes, x, ColorMaps.LOW));
        // A little room above the highest line so that peaks are not cut.
        chart.getStyler().setYAxisMax(top > 0 ? top * 1.08 : 1.0);
        chart.addAnnotation(new AnnotationLine(0, true, false));
        return chart;
    }

    /** Adds the mean profile of sorted genes [from, to) and returns its maximum (0 when there are none). */
    private static double addMean(XYChart chart, String name, GeneMatrix matrix, int mark, Integer[] order,
            int from, int to, double[] x, java.awt.Color colour) {
        if (to <= from) {
            return 0; // no gene in this class: no line rather than a line of zeros
        }
        double[] mean = meanProfile(matrix, mark, order, from, to);
        XYSeries s = chart.addSeries(name, x, mean);
        s.setMarker(SeriesMarkers.NONE).setLineColor(colour).setLineWidth(2f);
        return Arrays.stream(mean).max().orElse(0);
    }

    static double[] meanProfile(GeneMatrix matrix, int mark, Integer[] order, int from, int to) {
        int bins = matrix.bins();
        double[] mean = new double[bins];
        for (int i = from; i < to; i++) {
            for (int b = 0; b < bins; b++) {
                mean[b] += matrix.value(order[i], mark, b);
            }
        }
        for (int b = 0; b < bins; b++) {
            mean[b] /= (to - from);
        }
        return mean;
    }

    private static HeatMapChart heatmap(GeneMatrix matrix, int mark, Integer[] order, int rows, int predictedHigh,
            BinAxis axis, String sortedBy) {
        int genes = order.length;
        int bins = axis.bins();
        double[][] display = new double[rows][bins];
        for (int r = 0; r < rows; r++) {
            // display row r (0 = top) averages sorted genes [from, to)
            int from = (int) ((long) r * genes / rows);
            int to = (int) ((long) (r + 1) * genes / rows);
            display[r] = meanProfile(matrix, mark, order, from, to);
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(PANEL_WIDTH).height(HEATMAP_HEIGHT)
                .xAxisTitle(axis.title().replace("position relative to TSS", "from TSS"))
                .yAxisTitle(sortedBy != null ? "genes by " + sortedBy + ", " + genes + " genes" : "").build();
        HeatMapStyler styler = chart.getStyler();
        ChartStyle.apply(styler);
        styler.setChartTitleVisible(false);
        styler.setShowValue(false);
        styler.setDrawBorder(false);
        styler.setPlotContentSize(1.0);
        styler.setAntiAlias(false);
        styler.setRangeColors(ColorMaps.sequential());
        styler.setMin(0);
        styler.setMax(MarkBinHeatmap.roundUp(upperLimit(display)));
        styler.setGradientColorColumnHeight(HEATMAP_HEIGHT - 160);
        styler.setXAxisMaxLabelCount(bins + 1);
        styler.setXAxisTickMarkSpacingHint(1);
        styler.setYAxisTicksVisible(false);

        List<Integer> x = new ArrayList<>(bins);
        for (int b = 1; b <= bins; b++) {
            x.add(b);
        }
        List<Integer> y = new ArrayList<>(rows);
        for (int r = 1; r <= rows; r++) {
            y.add(r);
        }
        List<Number[]> cells = new ArrayList<>(rows * bins);
        for (int r = 0; r < rows; r++) {
            int yIndex = rows - 1 - r; // XChart's first row is the bottom one
            for (int b = 0; b < bins; b++) {
                cells.add(new Number[] {b, yIndex, display[r][b]});
            }
        }
        chart.addSeries(matrix.marks().get(mark), x, y, cells);
        chart.setCustomXAxisTickLabelsFormatter(axis.coarseTickLabels());
        chart.addAnnotation(MarkBinHeatmap.tssLine(axis));
        if (predictedHigh > 0 && predictedHigh < genes) {
            // boundary between predicted high (above) and low (below), in display rows from the bottom
            double rowsBelow = rows - (double) predictedHigh * rows / genes;
            chart.addAnnotation(new AnnotationLine(MarkBinHeatmap.boundary(rowsBelow, rows), false, false));
        }
        return chart;
    }

    /** The 98th percentile of the display values (at least a small positive number). */
    static double upperLimit(double[][] display) {
        double[] all = Arrays.stream(display).flatMapToDouble(Arrays::stream).sorted().toArray();
        double q = all[(int) Math.min(all.length - 1, Math.floor(0.98 * (all.length - 1)))];
        return q > 0 ? q : Math.max(all[all.length - 1], 1e-6);
    }
}
