package org.deepchrome.visualize.charts;

import java.util.function.Function;

/**
 * The position axis shared by every TSS-centred chart: bins 1..B of {@code binSize} bp with
 * the TSS between bin B/2 and B/2+1 (the matrix layout). Ticks read as distance to the TSS.
 */
public final class BinAxis {
    private final int bins;
    private final int binSize;

    public BinAxis(int bins, int binSize) {
        this.bins = bins;
        this.binSize = binSize;
    }

    public int bins() {
        return bins;
    }

    /** 1-based bin that starts at the TSS. */
    public int tssBin() {
        return bins / 2 + 1;
    }

    /** Distance of a bin's start from the TSS in bp (negative upstream). */
    public int offset(int bin) {
        return (bin - tssBin()) * binSize;
    }

    public int binSize() {
        return binSize;
    }

    /** Labels about every tenth of the window: for wide charts. */
    public Function<Double, String> tickLabels() {
        return tickLabels(Math.max(1, bins / 10));
    }

    /** Labels about every quarter of the window: for narrow panels. */
    public Function<Double, String> coarseTickLabels() {
        return tickLabels(Math.max(1, bins / 4));
    }

    /** Label of a tick at a 1-based bin, or "" where no label belongs (so labels do not crowd). */
    private Function<Double, String> tickLabels(int step) {
        return value -> {
            int bin = (int) Math.round(value);
            if (bin == tssBin()) {
                return "TSS";
            }
            if ((bin - tssBin()) % step != 0 || bin < 1 || bin > bins) {
                return "";
            }
            return formatDistance(offset(bin));
        };
    }

    static String formatDistance(int bp) {
        if (bp % 1000 == 0) {
            return (bp > 0 ? "+" : "") + bp / 1000 + " kb";
        }
        if (Math.abs(bp) >= 1000) {
            return String.format(java.util.Locale.ROOT, "%+.1f kb", bp / 1000.0);
        }
        return String.format(java.util.Locale.ROOT, "%+d bp", bp);
    }

    /** Axis title naming the bin size, since ticks only show distances. */
    public String title() {
        return "position relative to TSS (" + binSize + " bp bins)";
    }
}
