package org.deepchrome.visualize;

import org.apache.commons.csv.CSVRecord;
import org.deepchrome.core.matrix.ExpressionTable;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.testing.ToolRun;
import org.deepchrome.model.DeepChromeModel;
import org.deepchrome.model.ModelFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deepchrome-visualize on a regression CNN trained on the synthetic test-data, whose generator
 * makes expression rise with H3K4me3 at the TSS (test-data/README.md).
 */
class VisualizeRegressionTest {
    @TempDir
    static Path work;
    static Path out;
    static ToolRun run;

    @BeforeAll
    static void trainAndVisualize() throws IOException {
        Path data = TestData.projectMatrices();
        Path model = TestData.regressionCnn(data, 10);
        GeneMatrix test = TestData.read(data, "test");
        Path predictions = writePredictions(ModelFile.load(model), test, work.resolve("test.predictions.tsv"));
        out = work.resolve("figures");
        run = TestData.visualizeTestSplit(data, model, predictions, out, "--top", "3", "--threads", "2",
                "--image-format", "png", "--quiet");
    }

    /** What deepchrome-predict writes for a regression model: levels on the original scale, observed from the table. */
    static Path writePredictions(DeepChromeModel model, GeneMatrix matrix, Path target) throws IOException {
        double[] level = model.predictLevel(matrix);
        Map<String, Double> observed = ExpressionTable.read(TestData.expressionTable(), null);
        // the model's scale in its own column, as predict writes it (read by name, so it is no bother)
        String scale = model.targetTransform().id();
        StringBuilder sb = new StringBuilder("gene_id\tpredicted\tpredicted_" + scale + "\tobserved\n");
        for (int g = 0; g < matrix.geneCount(); g++) {
            sb.append(String.format(Locale.ROOT, "%s\t%.6g\t%.6g\t%s%n", matrix.geneId(g),
                    model.targetTransform().invert(level[g]), level[g], observed.get(matrix.geneId(g))));
        }
        return Files.writeString(target, sb);
    }

    @Test
    void writesTheRegressionPlots() {
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> expected = new ArrayList<>();
        for (String name : List.of("class_optimization.tsv", "class_optimization.png", "saliency.tsv", "saliency.png",
                "profile_heatmap.png", "training_curves.png", "observed_vs_predicted.png", "residuals.png")) {
            expected.add(out.resolve(name).toString());
            assertTrue(Files.isRegularFile(out.resolve(name)), name + " missing");
        }
        assertEquals(expected, run.stdout().lines().toList());
        assertEquals("", run.errors(), "--quiet run printed to stderr");
    }

    /** The map that maximises the level asks for more H3K4me3 at the TSS than the one that minimises it. */
    @Test
    void maximiseAndMinimiseMapsFollowTheGeneratorsSignal() throws IOException {
        assertMapsFollowTheGeneratorsSignal(out);
    }

    /** Shared with the attentive regression test: both models' maps must show the generator's TSS signal. */
    static void assertMapsFollowTheGeneratorsSignal(Path out) throws IOException {
        List<CSVRecord> rows = VisualizeTest.readTsv(out.resolve("class_optimization.tsv"));
        assertEquals(2 * 5 * 100, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.get("class").equals("maximise") || r.get("class").equals("minimise")));
        double up = VisualizeTest.meanOver(rows, "maximise", "H3K4me3", 45, 56);
        double down = VisualizeTest.meanOver(rows, "minimise", "H3K4me3", 45, 56);
        assertTrue(up > down, "H3K4me3 at TSS bins 45-56: maximise " + up + ", minimise " + down);
    }

    @Test
    void saliencyNamesThePredictedLevel() throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("saliency.tsv"));
        assertEquals("gene_id\tgroup\tpredicted_level\tmark\tbin\tvalue", lines.get(0));
        assertEquals(1 + 6 * 5 * 100, lines.size(), "3 top and 3 bottom genes, marks × bins rows each");
    }
}
