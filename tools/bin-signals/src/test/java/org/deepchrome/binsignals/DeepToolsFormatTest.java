package org.deepchrome.binsignals;

import org.deepchrome.core.matrix.ExpressionLabels;
import org.deepchrome.core.matrix.ExpressionTable;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.matrix.Threshold;
import org.deepchrome.core.testing.ToolRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --output-format deeptools: the header has computeMatrix's keys in its order, the rows its
 * values (same bigWig tracks), plotHeatmap draws it, and MatrixReader reads it back (and reads
 * computeMatrix's own file). deepTools is required (CI installs python3-deeptools).
 */
class DeepToolsFormatTest {
    @TempDir
    Path dir;

    @Test
    void sameHeaderKeysAndValuesAsComputeMatrixAndPlotHeatmapDrawsIt() throws Exception {
        Path data = Fixtures.testData();
        Path k4 = dir.resolve("K4.bw");
        Path k27 = dir.resolve("K27.bw");
        Fixtures.exec(dir, "/usr/bin/bamCoverage", "-b", data.resolve("H3K4me3.bam").toString(), "-o", k4.toString(),
                "--binSize", "1", "-p", "1");
        Fixtures.exec(dir, "/usr/bin/bamCoverage", "-b", data.resolve("H3K27me3.bam").toString(), "-o", k27.toString(),
                "--binSize", "1", "-p", "1");
        Path ours = dir.resolve("ours.mat.gz");
        ToolRun r = Fixtures.run("--genes", data.resolve("genes.bed"), "--mark", "K4=" + k4, "--mark", "K27=" + k27,
                "--output-format", "deeptools", "--output", ours, "--quiet");
        assertEquals(0, r.exitCode(), r.stderr());
        Path theirs = dir.resolve("theirs.mat.gz");
        BigWigTest.computeMatrix(data.resolve("genes.bed"), List.of(k4, k27), theirs);

        List<String> a = lines(ours);
        List<String> b = lines(theirs);
        assertEquals(keys(b.get(0)), keys(a.get(0)));
        assertTrue(a.get(0).contains("\"sample_labels\":[\"K4\",\"K27\"],\"sample_boundaries\":[0,100,200]"), a.get(0));
        assertTrue(a.get(0).contains("\"group_labels\":[\"genes\"],\"group_boundaries\":[0,394]"), a.get(0));
        assertEquals(b.size(), a.size());
        double worst = 0;
        for (int i = 1; i < a.size(); i++) {
            String[] x = a.get(i).split("\t");
            String[] y = b.get(i).split("\t");
            assertEquals(y.length, x.length);
            assertEquals(List.of(y[0], y[3], y[5]), List.of(x[0], x[3], x[5])); // chrom, name, strand
            for (int c = 6; c < x.length; c++) {
                assertTrue(x[c].matches("-?\\d+\\.\\d{6}"), x[c]); // printed as %f
                double e = Double.parseDouble(y[c]);
                worst = Math.max(worst, Math.abs(Double.parseDouble(x[c]) - e) / (1.01e-6 + Math.abs(e) * Math.pow(2, -23)));
            }
        }
        assertTrue(worst <= 1, "values differ from computeMatrix's by " + worst + " x the tolerance");

        // what computeMatrix wrote and what we wrote read the same into a matrix
        GeneMatrix fromOurs = MatrixReader.read(ours);
        GeneMatrix fromTheirs = MatrixReader.read(theirs);
        assertEquals(List.of("K4", "K27"), fromOurs.marks());
        assertEquals(List.of("K4", "K27"), fromTheirs.marks());
        assertEquals(fromTheirs.geneIds(), fromOurs.geneIds());
        assertEquals(100, fromOurs.bins());

        Path png = dir.resolve("heatmap.png");
        Fixtures.exec(dir, "/usr/bin/plotHeatmap", "-m", ours.toString(), "-o", png.toString());
        assertTrue(Files.size(png) > 1000, "plotHeatmap wrote no picture");
    }

    /**
     * Labels from expression for a deepTools file (issue 14): the computeMatrix file bin-signals
     * writes, labelled by core's ExpressionLabels from the same table (what train and predict do
     * with --expression), gets the labels bin-signals writes into its CSV with --expression.
     */
    @Test
    void expressionLabelsOfTheDeepToolsFileAreTheCsvLabels() throws IOException {
        Path data = Fixtures.testData();
        Path table = data.resolve("expression.tsv");
        ToolRun deeptools = Fixtures.run("--genes", data.resolve("genes.bed"), "--mark", "K4=" + data.resolve(
                "H3K4me3.bam"), "--output-format", "deeptools", "--output", dir.resolve("m.mat.gz"), "--quiet");
        assertEquals(0, deeptools.exitCode(), deeptools.stderr());
        ToolRun csv = Fixtures.run("--genes", data.resolve("genes.bed"), "--mark", "K4=" + data.resolve("H3K4me3.bam"),
                "--expression", table, "--output", dir.resolve("m.csv"), "--quiet");
        assertEquals(0, csv.exitCode(), csv.stderr());
        GeneMatrix unlabelled = MatrixReader.read(dir.resolve("m.mat.gz"));
        GeneMatrix labelled = MatrixReader.read(dir.resolve("m.csv"));
        ExpressionLabels.Labelled l = ExpressionLabels.label(unlabelled.geneIds(), ExpressionTable.read(table, null),
                Threshold.MEDIAN);
        GeneMatrix relabelled = ExpressionLabels.apply(unlabelled, l);
        assertEquals(labelled.geneIds(), relabelled.geneIds());
        assertArrayEquals(labelled.labels(), relabelled.labels());
        assertTrue(l.high() > 0 && l.high() < l.labels().length, "both classes");
    }

    @Test
    void noSplitWithDeepToolsFormat() throws IOException {
        Path data = Fixtures.testData();
        ToolRun r = Fixtures.run("--genes", data.resolve("genes.bed"), "--mark", "K4=" + data.resolve("H3K4me3.bam"),
                "--output-format", "deeptools", "--split", "paper", "--output", dir.resolve("o"), "--quiet");
        assertEquals(2, r.exitCode());
        assertEquals(List.of("deepchrome-bin-signals: --output-format deeptools writes one matrix file; leave out --split paper"),
                r.stderrLines());
    }

    private static List<String> keys(String header) {
        List<String> keys = new ArrayList<>();
        Matcher m = Pattern.compile("[{,]\"([^\"]+)\":").matcher(header);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static List<String> lines(Path gz) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
            }
        }
        return out;
    }
}
