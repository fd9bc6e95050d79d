package org.deepchrome.visualize;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.testing.ToolRun;
import org.deepchrome.model.ModelFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deepchrome-visualize on a regression attentive model trained on the synthetic test-data, whose
 * generator makes expression rise with H3K4me3 at the TSS (test-data/README.md).
 */
class VisualizeAttentiveRegressionTest {
    @TempDir
    static Path work;
    static Path out;
    static ToolRun run;
    static GeneMatrix test;

    @BeforeAll
    static void trainAndVisualize() throws IOException {
        Path data = TestData.projectMatrices();
        Path model = TestData.attentiveRegression(data, 6);
        test = TestData.read(data, "test");
        Path predictions = VisualizeRegressionTest.writePredictions(ModelFile.load(model), test,
                work.resolve("test.predictions.tsv"));
        out = work.resolve("figures");
        run = TestData.visualizeTestSplit(data, model, predictions, out, "--top", "3", "--iterations", "60",
                "--image-format", "png", "--threads", "2", "--quiet");
    }

    @Test
    void writesMapsAttentionAndTheRegressionPlots() {
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> expected = new ArrayList<>();
        for (String name : List.of("class_optimization.tsv", "class_optimization.png", "attention.tsv",
                "attention.png", "attention_means.tsv", "attention_means.png", "profile_heatmap.png",
                "training_curves.png", "observed_vs_predicted.png", "residuals.png")) {
            expected.add(out.resolve(name).toString());
            assertTrue(Files.isRegularFile(out.resolve(name)), name + " missing");
        }
        assertEquals(expected, run.stdout().lines().toList());
        assertFalse(Files.exists(out.resolve("roc.png")), "no ROC for a regression model");
        assertEquals("", run.errors(), "--quiet run printed to stderr");
    }

    /** The map that maximises the level asks for more H3K4me3 at the TSS than the one that minimises it. */
    @Test
    void maximiseAndMinimiseMapsFollowTheGeneratorsSignal() throws IOException {
        VisualizeRegressionTest.assertMapsFollowTheGeneratorsSignal(out);
    }

    @Test
    void attentionNamesThePredictedLevelAndRanksGenesByIt() throws IOException {
        List<String> rows = Files.readAllLines(out.resolve("attention.tsv"));
        assertEquals("gene_id\tgroup\tpredicted_level\tmark\tbin\talpha\tbeta", rows.get(0));
        assertEquals(6 * test.markCount() * test.bins() + 1, rows.size());
        double lowestTop = Double.POSITIVE_INFINITY;
        double highestBottom = Double.NEGATIVE_INFINITY;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split("\t");
            double level = Double.parseDouble(f[2]);
            if (f[1].equals("top")) {
                lowestTop = Math.min(lowestTop, level);
            } else {
                assertEquals("bottom", f[1]);
                highestBottom = Math.max(highestBottom, level);
            }
        }
        assertTrue(lowestTop > highestBottom, "top genes are predicted higher than bottom genes");
    }

    /** The two groups of the means are the halves above and below the median predicted level. */
    @Test
    void meansSplitGenesAtTheMedianLevel() throws IOException {
        List<String> rows = Files.readAllLines(out.resolve("attention_means.tsv"));
        assertEquals(2 * test.markCount() * test.bins() + 1, rows.size());
        int high = Integer.parseInt(rows.get(1).split("\t")[1]);
        int low = Integer.parseInt(rows.get(rows.size() - 1).split("\t")[1]);
        assertEquals(test.geneCount(), high + low);
        assertEquals(test.geneCount() / 2, low, "halves at the median");
    }
}
