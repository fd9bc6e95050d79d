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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deepchrome-visualize on an attentive model trained on the synthetic test-data. */
class VisualizeAttentiveTest {
    @TempDir
    static Path work;
    static Path out;
    static ToolRun run;
    static GeneMatrix test;
    static Path model;

    @BeforeAll
    static void trainAndVisualize() throws IOException {
        Path data = TestData.projectMatrices();
        model = TestData.attentive(data, 6);
        test = TestData.read(data, "test");
        Path predictions = VisualizeTest.writePredictions(ModelFile.load(model), test,
                work.resolve("test.predictions.tsv"));
        out = work.resolve("figures");
        run = TestData.visualizeTestSplit(data, model, predictions, out, "--top", "3", "--iterations", "60",
                "--image-format", "png", "--threads", "2", "--quiet");
    }

    @Test
    void writesAttentionMapsMeansAndClassMaps() throws IOException {
        assertEquals(0, run.exitCode(), run.stderr());
        for (String f : List.of("class_optimization.tsv", "class_optimization.png", "attention.tsv", "attention.png",
                "attention_means.tsv", "attention_means.png", "profile_heatmap.png", "roc.png",
                "training_curves.png")) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        assertFalse(Files.exists(out.resolve("saliency.tsv")), "no saliency for an attentive model");
    }

    @Test
    void attentionTableHoldsTheTopAndBottomGenesWithDistributions() throws IOException {
        List<String> rows = Files.readAllLines(out.resolve("attention.tsv"));
        assertEquals("gene_id\tgroup\tprobability_high\tmark\tbin\talpha\tbeta", rows.get(0));
        int perGene = test.markCount() * test.bins();
        assertEquals(6 * perGene + 1, rows.size());
        Map<String, Double> alphaSums = new HashMap<>();
        Map<String, Double> betaSums = new HashMap<>();
        double topP = 2;
        for (int i = 1; i < rows.size(); i++) {
            String[] f = rows.get(i).split("\t");
            alphaSums.merge(f[0] + "/" + f[3], Double.parseDouble(f[5]), Double::sum);
            if ("1".equals(f[4])) {
                betaSums.merge(f[0], Double.parseDouble(f[6]), Double::sum);
            }
            if ("top".equals(f[1])) {
                topP = Math.min(topP, Double.parseDouble(f[2]));
            } else {
                assertEquals("bottom", f[1]);
                assertTrue(Double.parseDouble(f[2]) <= topP, "bottom genes are predicted lower than top genes");
            }
        }
        alphaSums.values().forEach(s -> assertEquals(1.0, s, 1e-4));
        assertEquals(6, betaSums.size());
        betaSums.values().forEach(s -> assertEquals(1.0, s, 1e-4));
    }

    @Test
    void meansSplitGenesByPrediction() throws IOException {
        List<String> rows = Files.readAllLines(out.resolve("attention_means.tsv"));
        assertEquals("predicted\tgenes\tmark\tbin\tmean_alpha\tmean_beta", rows.get(0));
        assertEquals(2 * test.markCount() * test.bins() + 1, rows.size());
        int high = Integer.parseInt(rows.get(1).split("\t")[1]);
        int low = Integer.parseInt(rows.get(rows.size() - 1).split("\t")[1]);
        assertEquals(test.geneCount(), high + low);
        assertTrue(high > 0 && low > 0, "a trained model predicts both classes");
    }

    @Test
    void classMapsDifferBetweenClasses() throws IOException {
        List<String> rows = Files.readAllLines(out.resolve("class_optimization.tsv"));
        int perClass = test.markCount() * test.bins();
        assertEquals(2 * perClass + 1, rows.size());
        double difference = 0;
        for (int i = 1; i <= perClass; i++) {
            difference += Math.abs(Double.parseDouble(rows.get(i).split("\t")[3])
                    - Double.parseDouble(rows.get(i + perClass).split("\t")[3]));
        }
        assertTrue(difference > 1e-3, "high and low maps differ");
    }

    @Test
    void attentionOfABaselineIsRefused() {
        Path data = TestData.projectMatrices();
        ToolRun bad = ToolRun.of(new Visualize(), "--model", TestData.logistic(data).toString(), "--output-dir",
                work.resolve("bad").toString(), "--quiet");
        assertEquals(2, bad.exitCode());
        assertEquals(1, bad.stderr().strip().lines().count(), bad.stderr());
    }
}
