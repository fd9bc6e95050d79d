package org.deepchrome.visualize.charts;

import org.knowm.xchart.internal.chartpart.Chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Several XChart charts placed on one page (e.g. a profile above each heat map), painted by the
 * charts themselves into whatever Graphics2D the writer supplies (raster for PNG, vector for SVG).
 */
public final class Figure {
    private record Panel(Chart<?, ?> chart, int x, int y, int width, int height) {
    }

    private final int width;
    private final int height;
    private final List<Panel> panels = new ArrayList<>();

    public Figure(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** A figure holding just one chart at its own size. */
    public static Figure of(Chart<?, ?> chart) {
        Figure f = new Figure(chart.getWidth(), chart.getHeight());
        f.add(chart, 0, 0, chart.getWidth(), chart.getHeight());
        return f;
    }

    public Figure add(Chart<?, ?> chart, int x, int y, int panelWidth, int panelHeight) {
        panels.add(new Panel(chart, x, y, panelWidth, panelHeight));
        return this;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public void paint(Graphics2D g) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        for (Panel p : panels) {
            Graphics2D sub = (Graphics2D) g.create();
            try {
                sub.translate(p.x, p.y);
                sub.clipRect(0, 0, p.width, p.height);
                p.chart.paint(sub, p.width, p.height);
            } finally {
                sub.dispose();
            }
        }
    }
}
