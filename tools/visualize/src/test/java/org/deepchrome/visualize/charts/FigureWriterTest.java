package org.deepchrome.visualize.charts;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.model.RocAuc;
import org.deepchrome.visualize.Images;
import org.deepchrome.visualize.io.EpochLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FigureWriterTest {
    private static final List<String> MARKS = List.of("H3K27me3", "H3K36me3", "H3K4me1", "H3K4me3", "H3K9me3");
    private static final FigureWriter BOTH = new FigureWriter(EnumSet.allOf(FigureWriter.Format.class));

    @TempDir
    Path dir;

    private static double[][] ramp(double sign) {
        double[][] map = new double[MARKS.size()][100];
        for (int m = 0; m < map.length; m++) {
            for (int b = 0; b < 100; b++) {
                map[m][b] = sign * (b - 50) / 50.0 * (m + 1);
            }
        }
        return map;
    }

    @Test
    void markBinHeatmapIsAPngAndAnSvgOfTheStatedSize() throws Exception {
        var chart = MarkBinHeatmap.signed("map", MARKS, ramp(1), new BinAxis(100, 100), 5, 900, 300);
        List<Path> files = BOTH.write(Figure.of(chart), dir, "map");
        assertEquals(List.of(dir.resolve("map.png"), dir.resolve("map.svg")), files);
        BufferedImage png = Images.assertPng(dir.resolve("map.png"), 900, 300);
        Images.assertSvg(dir.resolve("map.svg"), 900, 300);
        assertTrue(Images.inkedShare(png) > 0.3, "the heat map should fill much of the image");
        try (var listing = Files.list(dir)) {
            assertEquals(2, listing.count(), "no temporary files left behind");
        }
    }

    @Test
    void diverging_mapShowsRedForPositiveAndBlueForNegative() throws Exception {
        // Left half negative, right half positive: the pixel colours must follow the sign.
        double[][] map = new double[MARKS.size()][100];
        for (double[] row : map) {
            for (int b = 0; b < 100; b++) {
                row[b] = b < 50 ? -1 : 1;
            }
        }
        var chart = MarkBinHeatmap.signed("sign", MARKS, map, new BinAxis(100, 100), 1, 1000, 300);
        new FigureWriter(EnumSet.of(FigureWriter.Format.PNG)).write(Figure.of(chart), dir, "sign");
        BufferedImage png = Images.assertPng(dir.resolve("sign.png"), 1000, 300);
        int y = 150;
        int left = png.getRGB(250, y);
        int right = png.getRGB(750, y);
        assertTrue(((left & 0xFF) > ((left >> 16) & 0xFF)), "negative cells should be blue");
        assertTrue((((right >> 16) & 0xFF) > (right & 0xFF)), "positive cells should be red");
    }

    @Test
    void profileHeatmapHasOneColumnPerMark() throws Exception {
        Random random = new Random(5);
        List<String> ids = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        double[] p = new double[60];
        for (int g = 0; g < 60; g++) {
            ids.add("G" + g);
            float[] v = new float[MARKS.size() * 100];
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextInt(5);
            }
            values.add(v);
            p[g] = random.nextDouble();
        }
        GeneMatrix matrix = new GeneMatrix(MARKS, 100, ids, values, null);
        Figure figure = ProfileHeatmap.build(matrix, p, new BinAxis(100, 100), 200);
        BOTH.write(figure, dir, "profile");
        Images.assertPng(dir.resolve("profile.png"), figure.width(), figure.height());
        Images.assertSvg(dir.resolve("profile.svg"), figure.width(), figure.height());
        assertEquals(5 * 360, figure.width());
    }

    @Test
    void rocAndTrainingCurvesRender() throws Exception {
        double[] scores = {0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1};
        int[] labels = {1, 1, 0, 1, 0, 1, 0, 0};
        var roc = LineCharts.roc(RocAuc.curve(scores, labels), RocAuc.auc(scores, labels), "ROC", 500);
        BOTH.write(Figure.of(roc), dir, "roc");
        Images.assertPng(dir.resolve("roc.png"), 500, 500);
        Images.assertSvg(dir.resolve("roc.svg"), 500, 500);

        EpochLog log = new EpochLog(new double[] {1, 2, 3}, new double[] {0.7, 0.5, 0.45},
                new double[] {0.8, 0.85, 0.86});
        BOTH.write(LineCharts.trainingCurves(log, 800, 700), dir, "training");
        Images.assertPng(dir.resolve("training.png"), 800, 700);
        Images.assertSvg(dir.resolve("training.svg"), 800, 700);
    }

    @Test
    void trainingCurvesOfABaselineWithoutLossStillRender() throws Exception {
        EpochLog log = new EpochLog(new double[] {1}, new double[] {Double.NaN}, new double[] {0.9});
        BOTH.write(LineCharts.trainingCurves(log, 800, 700), dir, "baseline");
        Images.assertPng(dir.resolve("baseline.png"), 800, 700);
    }

    @Test
    void binAxisLabelsDistancesFromTheTss() {
        BinAxis axis = new BinAxis(100, 100);
        assertEquals(51, axis.tssBin());
        assertEquals("TSS", axis.tickLabels().apply(51.0));
        assertEquals("-5 kb", axis.tickLabels().apply(1.0));
        assertEquals("+1 kb", axis.tickLabels().apply(61.0));
        assertEquals("", axis.tickLabels().apply(62.0));
        assertEquals("-2.5 kb", axis.coarseTickLabels().apply(26.0));
    }
}
