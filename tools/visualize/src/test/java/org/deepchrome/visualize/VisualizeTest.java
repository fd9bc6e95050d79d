package org.deepchrome.visualize;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.testing.ToolRun;
import org.deepchrome.model.DeepChromeModel;
import org.deepchrome.model.ModelFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole tool on the project's synthetic test-data, where the signal is known: H3K4me3 around
 * the TSS marks expressed genes. A CNN is trained on its train/valid split with the train tool's
 * trainer, then visualize runs once with every input and the tests check what it wrote.
 */
class VisualizeTest {
    static final int BINS = 100;
    static final List<String> MARKS = GeneMatrix.PAPER_MARKS;

    @TempDir
    static Path work;
    static Path out;
    static ToolRun run;
    static GeneMatrix test;

    @BeforeAll
    static void trainAndVisualize() throws IOException {
        Path data = TestData.projectMatrices();
        Path model = TestData.cnn(data, 10);
        test = TestData.read(data, "test");
        Path predictions = writePredictions(ModelFile.load(model), test, work.resolve("test.predictions.tsv"));
        out = work.resolve("figures");
        run = TestData.visualizeTestSplit(data, model, predictions, out, "--top", "4", "--threads", "2", "--quiet");
    }

    /** What deepchrome-predict writes, made here from the model so this module's tests stand alone. */
    static Path writePredictions(DeepChromeModel model, GeneMatrix matrix, Path target) throws IOException {
        double[] p = model.probabilityHigh(matrix);
        StringBuilder sb = new StringBuilder("gene_id\tprobability_high\tpredicted_label\tlabel\n");
        for (int g = 0; g < matrix.geneCount(); g++) {
            sb.append(String.format(Locale.ROOT, "%s\t%.6f\t%d\t%d%n", matrix.geneId(g), p[g], p[g] >= 0.5 ? 1 : 0,
                    matrix.label(g)));
        }
        Files.writeString(target, sb);
        return target;
    }

    static List<CSVRecord> readTsv(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return CSVFormat.TDF.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    /** Mean of a class map over 1-based bins [from, to] of one mark. */
    static double meanOver(List<CSVRecord> rows, String cls, String mark, int from, int to) {
        double sum = 0;
        int n = 0;
        for (CSVRecord r : rows) {
            int bin = Integer.parseInt(r.get("bin"));
            if (r.get("class").equals(cls) && r.get("mark").equals(mark) && bin >= from && bin <= to) {
                sum += Double.parseDouble(r.get("value"));
                n++;
            }
        }
        assertEquals(to - from + 1, n, cls + " " + mark + " bins " + from + "-" + to);
        return sum / n;
    }

    @Test
    void succeedsAndListsEveryFileItWrote() {
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> expected = new ArrayList<>();
        for (String name : List.of("class_optimization.tsv", "class_optimization.png", "class_optimization.svg",
                "saliency.tsv", "saliency.png", "saliency.svg", "profile_heatmap.png", "profile_heatmap.svg",
                "roc.png", "roc.svg", "training_curves.png", "training_curves.svg")) {
            expected.add(out.resolve(name).toString());
            assertTrue(Files.isRegularFile(out.resolve(name)), name + " missing");
        }
        assertEquals(expected, run.stdout().lines().toList());
        assertEquals("", run.errors(), "--quiet run printed to stderr");
    }

    @Test
    void classMapTableHasMarksTimesBinsRowsPerClass() throws IOException {
        List<CSVRecord> rows = readTsv(out.resolve("class_optimization.tsv"));
        assertEquals(2 * MARKS.size() * BINS, rows.size());
        Set<String> keys = new HashSet<>();
        for (CSVRecord r : rows) {
            assertTrue(Set.of("high", "low").contains(r.get("class")));
            assertTrue(MARKS.contains(r.get("mark")));
            int bin = Integer.parseInt(r.get("bin"));
            assertTrue(bin >= 1 && bin <= BINS);
            assertTrue(Double.isFinite(Double.parseDouble(r.get("value"))));
            keys.add(r.get("class") + "/" + r.get("mark") + "/" + bin);
        }
        assertEquals(2 * MARKS.size() * BINS, keys.size(), "every class, mark and bin exactly once");
    }

    @Test
    void highClassMapHasMoreH3K4me3AroundTheTssThanTheLowClassMap() throws IOException {
        List<CSVRecord> rows = readTsv(out.resolve("class_optimization.tsv"));
        double high = meanOver(rows, "high", "H3K4me3", 45, 56);
        double low = meanOver(rows, "low", "H3K4me3", 45, 56);
        assertTrue(high > low, "H3K4me3 at TSS bins 45-56: high map " + high + ", low map " + low);
        // The synthetic H3K27me3/H3K9me3 domains mark silent genes: the low map should favour them.
        double repressiveHigh = meanOver(rows, "high", "H3K27me3", 1, BINS) + meanOver(rows, "high", "H3K9me3", 1, BINS);
        double repressiveLow = meanOver(rows, "low", "H3K27me3", 1, BINS) + meanOver(rows, "low", "H3K9me3", 1, BINS);
        assertTrue(repressiveLow > repressiveHigh, "repressive marks: high map " + repressiveHigh + ", low map "
                + repressiveLow);
    }

    @Test
    void imagesArePngAndSvgOfTheStatedSizes() throws Exception {
        Images.assertPng(out.resolve("class_optimization.png"), 1200, 720);
        Images.assertSvg(out.resolve("class_optimization.svg"), 1200, 720);
        Images.assertPng(out.resolve("profile_heatmap.png"), 5 * 360, 900);
        Images.assertSvg(out.resolve("profile_heatmap.svg"), 5 * 360, 900);
        Images.assertPng(out.resolve("saliency.png"), 2 * 760, 4 * 230);
        Images.assertSvg(out.resolve("saliency.svg"), 2 * 760, 4 * 230);
        Images.assertPng(out.resolve("roc.png"), 640, 640);
        Images.assertSvg(out.resolve("roc.svg"), 640, 640);
        Images.assertPng(out.resolve("training_curves.png"), 800, 700);
        Images.assertSvg(out.resolve("training_curves.svg"), 800, 700);
    }

    @Test
    void saliencyCoversTheTopAndBottomPredictedGenes() throws IOException {
        List<CSVRecord> rows = readTsv(out.resolve("saliency.tsv"));
        assertEquals(8 * MARKS.size() * BINS, rows.size(), "4 top + 4 bottom genes, marks x bins each");
        double lowestTop = 1;
        double highestBottom = 0;
        Set<String> genes = new HashSet<>();
        for (CSVRecord r : rows) {
            double p = Double.parseDouble(r.get("probability_high"));
            genes.add(r.get("gene_id"));
            if (r.get("group").equals("top")) {
                lowestTop = Math.min(lowestTop, p);
            } else {
                assertEquals("bottom", r.get("group"));
                highestBottom = Math.max(highestBottom, p);
            }
        }
        assertEquals(8, genes.size());
        assertTrue(lowestTop >= highestBottom, "top genes must be predicted higher than bottom genes");
        // gradient x input is zero wherever the input is zero (log1p(0) = 0): check one gene cell by cell
        String gene = rows.get(0).get("gene_id");
        int g = test.geneIds().indexOf(gene);
        for (CSVRecord r : rows) {
            if (r.get("gene_id").equals(gene)) {
                int m = MARKS.indexOf(r.get("mark"));
                int b = Integer.parseInt(r.get("bin")) - 1;
                if (test.value(g, m, b) == 0) {
                    assertEquals(0.0, Double.parseDouble(r.get("value")), 0.0);
                }
            }
        }
    }

    @Test
    void sameSeedSameNumbers() throws IOException {
        Path model = TestData.cnn(TestData.projectMatrices(), 10);
        Path a = work.resolve("repeat-a");
        Path b = work.resolve("repeat-b");
        for (Path dir : List.of(a, b)) {
            ToolRun r = ToolRun.of(new Visualize(), "--model", model.toString(), "--output-dir", dir.toString(), "--iterations", "40",
                    "--seed", "3", "--image-format", "png", "--quiet", "--threads", "2");
            assertEquals(0, r.exitCode(), r.stderr());
        }
        assertEquals(Files.readString(a.resolve("class_optimization.tsv")),
                Files.readString(b.resolve("class_optimization.tsv")));
        assertTrue(Files.notExists(a.resolve("class_optimization.svg")), "--format png writes no SVG");
    }
}
