package org.deepchrome.visualize.charts;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;

import java.util.ArrayList;
import java.util.List;

/**
 * A marks × bins map (class-optimization map, saliency of one gene) as an XChart heat map:
 * marks as rows in the given order top to bottom, bins as columns, a dashed line at the TSS,
 * a colour bar on the right. Signed values use the diverging map centred on zero.
 */
public final class MarkBinHeatmap {
    private MarkBinHeatmap() {
    }

    /**
     * @param values {@code values[mark][bin]}
     * @param limit  colour range is [-limit, limit] (signed) — shared between panels that are compared
     */
    public static HeatMapChart signed(String title, List<String> marks, double[][] values, BinAxis axis,
            double limit, int width, int height) {
        HeatMapChart chart = build(title, marks, values, axis, width, height);
        HeatMapStyler styler = chart.getStyler();
        styler.setRangeColors(ColorMaps.diverging());
        double l = roundUp(limit > 0 ? limit : 1);
        styler.setMin(-l);
        styler.setMax(l);
        return chart;
    }

    /** Non-negative values (e.g. attention weights) on the sequential map, range [0, max]. */
    public static HeatMapChart sequential(String title, List<String> marks, double[][] values, BinAxis axis,
            double max, int width, int height) {
        HeatMapChart chart = build(title, marks, values, axis, width, height);
        HeatMapStyler styler = chart.getStyler();
        styler.setRangeColors(ColorMaps.sequential());
        styler.setMin(0);
        styler.setMax(roundUp(max > 0 ? max : 1));
        return chart;
    }

    private static HeatMapChart build(String title, List<String> marks, double[][] values, BinAxis axis,
            int width, int height) {
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(axis.title()).yAxisTitle("").build();
        HeatMapStyler styler = chart.getStyler();
        ChartStyle.apply(styler);
        styler.setShowValue(false);
        styler.setDrawBorder(false);
        styler.setPlotContentSize(1.0);
        // Without anti-aliasing adjacent cells meet exactly; with it hairline gaps show.
        styler.setAntiAlias(false);
        styler.setXAxisMaxLabelCount(axis.bins() + 1);
        styler.setXAxisTickMarkSpacingHint(1);
        styler.setGradientColorColumnHeight(Math.max(60, height - 140));

        int bins = axis.bins();
        List<Integer> x = new ArrayList<>(bins);
        for (int b = 1; b <= bins; b++) {
            x.add(b);
        }
        // XChart draws the first row at the bottom; reverse so the first mark is on top.
        List<String> y = new ArrayList<>(marks.size());
        for (int m = marks.size() - 1; m >= 0; m--) {
            y.add(marks.get(m));
        }
        List<Number[]> cells = new ArrayList<>(bins * marks.size());
        for (int b = 0; b < bins; b++) {
            for (int row = 0; row < marks.size(); row++) {
                int m = marks.size() - 1 - row;
                cells.add(new Number[] {b, row, values[m][b]});
            }
        }
        chart.addSeries(title, x, y, cells);
        chart.setCustomXAxisTickLabelsFormatter(axis.tickLabels());
        chart.addAnnotation(tssLine(axis));
        return chart;
    }

    /** Vertical line at the bin boundary where the TSS lies. */
    static AnnotationLine tssLine(BinAxis axis) {
        return new AnnotationLine(boundary(axis.tssBin() - 1, axis.bins()), true, false);
    }

    /**
     * Chart coordinate of the edge after the first {@code cells} of {@code n} heat-map cells.
     * XChart's heat-map axis of integer categories 1..n runs from 1 at the plot's first edge to
     * n at its last, so that edge sits at 1 + (n − 1)·cells/n.
     */
    static double boundary(double cells, int n) {
        return 1 + (n - 1) * cells / n;
    }

    /**
     * Rounds up to two significant digits (7.2375… → 7.3): XChart prints the colour bar's end
     * values as they are, and a shade more range costs nothing.
     */
    public static double roundUp(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            return value;
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(2, java.math.RoundingMode.CEILING))
                .doubleValue();
    }

    /** The largest absolute value over several maps, for a shared symmetric colour range. */
    public static double absMax(double[][]... maps) {
        double max = 0;
        for (double[][] map : maps) {
            for (double[] row : map) {
                for (double v : row) {
                    max = Math.max(max, Math.abs(v));
                }
            }
        }
        return max;
    }
}
