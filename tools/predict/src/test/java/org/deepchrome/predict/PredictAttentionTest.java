package org.deepchrome.predict;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.testing.ToolRun;
import org.deepchrome.model.CnnArchitecture;
import org.deepchrome.model.CnnModel;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.ModelFile;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.ModelMetadata;
import org.deepchrome.model.Optimizer;
import org.deepchrome.model.Task;
import org.deepchrome.model.attentive.AttentiveModel;
import org.deepchrome.model.attentive.AttentiveParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deepchrome-predict on attentive models: scores, the --attention table, and its bad inputs. */
class PredictAttentionTest {
    @TempDir
    Path dir;
    private Path testMatrix;
    private GeneMatrix test;

    @BeforeEach
    void locateData() {
        testMatrix = Fixtures.testMatrix();
        test = MatrixReader.read(testMatrix);
    }

    private Path attentiveModel(List<String> marks) throws IOException {
        AttentiveParameters p = AttentiveParameters.initial(marks.size(), test.bins(), 3);
        for (int i = 0; i < p.values().length; i++) {
            p.values()[i] *= 3; // wider than at initialisation: attention far from uniform
        }
        ModelMetadata meta = Fixtures.metadata(ModelKind.ATTENTIVE, marks, test.bins(), 3);
        Path file = dir.resolve("attentive.zip");
        ModelFile.save(new AttentiveModel(meta, p, false), file);
        return file;
    }

    @Test
    void writesTheAttentionOfEveryGeneBesideItsScore() throws IOException {
        Path model = attentiveModel(test.marks());
        Path out = dir.resolve("pred.tsv");
        Path attention = dir.resolve("attention.tsv.gz");
        ToolRun run = ToolRun.of(new Predict(), "--model", model.toString(), "--input", testMatrix.toString(),
                "--output", out.toString(), "--attention", attention.toString(), "--quiet", "--threads", "2");
        assertEquals(0, run.exitCode(), run.stderr());

        double[] expected = ModelFile.load(model).probabilityHigh(test);
        List<String> rows = Files.readAllLines(out);
        for (int g = 0; g < test.geneCount(); g++) {
            assertEquals(expected[g], Double.parseDouble(rows.get(g + 1).split("\t")[1]), 5e-7);
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(attention)), StandardCharsets.UTF_8))) {
            r.lines().forEach(lines::add);
        }
        assertEquals("gene_id\tmark\tbin\talpha\tbeta", lines.get(0));
        int marks = test.markCount();
        assertEquals(test.geneCount() * marks * test.bins() + 1, lines.size());
        Map<String, Double> alphaSums = new HashMap<>();
        Map<String, Double> betaByMark = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            String key = f[0] + "\t" + f[1];
            alphaSums.merge(key, Double.parseDouble(f[3]), Double::sum);
            Double previous = betaByMark.put(key, Double.parseDouble(f[4]));
            assertTrue(previous == null || previous == Double.parseDouble(f[4]), "one beta per gene and mark");
        }
        assertEquals(test.geneCount() * marks, alphaSums.size());
        alphaSums.forEach((k, s) -> assertEquals(1.0, s, 1e-4, "alpha of " + k));
        Map<String, Double> betaSums = new HashMap<>();
        betaByMark.forEach((k, b) -> betaSums.merge(k.split("\t")[0], b, Double::sum));
        betaSums.forEach((gene, s) -> assertEquals(1.0, s, 1e-5, "beta of " + gene));
        String first = lines.get(1).split("\t")[0];
        assertEquals(test.geneId(0), first);
        assertEquals(test.marks().get(0), lines.get(1).split("\t")[1]);
        assertEquals("1", lines.get(1).split("\t")[2]);
    }

    @Test
    void attentionOfAnotherKindOfModelIsRefused() throws IOException {
        Path model = dir.resolve("cnn.zip");
        ModelFile.save(new CnnModel(Fixtures.metadata(ModelKind.CNN, test.marks(), test.bins(), 1),
                CnnArchitecture.build(test.markCount(), test.bins(), 1, Optimizer.ADAM, 1e-3)), model);
        Path out = dir.resolve("pred.tsv");
        Path attention = dir.resolve("attention.tsv");
        ToolRun run = ToolRun.of(new Predict(), "--model", model.toString(), "--input", testMatrix.toString(),
                "--output", out.toString(), "--attention", attention.toString(), "--quiet");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("--attention needs an attentive model"), run.stderr());
        assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(attention));
    }

    @Test
    void marksThatDoNotMatchTheModelAreRefused() throws IOException {
        List<String> reversed = new ArrayList<>(test.marks());
        Collections.reverse(reversed);
        Path model = attentiveModel(reversed);
        Path attention = dir.resolve("attention.tsv");
        ToolRun run = ToolRun.of(new Predict(), "--model", model.toString(), "--input", testMatrix.toString(),
                "--output", dir.resolve("pred.tsv").toString(), "--attention", attention.toString(), "--quiet");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("mark order"), run.stderr());
        assertFalse(Files.exists(attention));
    }

    /**
     * A regression attentive model: predicted levels on the original scale (log1p undone) beside the
     * observed ones, the regression metrics, and the same attention table as a classifier's.
     */
    @Test
    void regressionModelWritesLevelsMetricsAndAttention() throws IOException {
        AttentiveParameters p = AttentiveParameters.initial(test.markCount(), test.bins(), 4);
        ModelMetadata meta = new ModelMetadata(ModelMetadata.FORMAT, ModelKind.ATTENTIVE, test.marks(), test.bins(),
                InputTransform.LOG1P, 4, "test", 1, Double.NaN, Map.of(), Map.of(), Task.REGRESSION,
                InputTransform.LOG1P, 0.5);
        Path model = dir.resolve("attentive-regression.zip");
        ModelFile.save(new AttentiveModel(meta, p, true), model);
        Path root = testMatrix.getParent().getParent();
        Path out = dir.resolve("levels.tsv");
        Path attention = dir.resolve("attention.tsv");
        ToolRun run = ToolRun.of(new Predict(), "--model", model.toString(), "--input", testMatrix.toString(),
                "--output", out.toString(), "--expression", root.resolve("expression.tsv").toString(),
                "--attention", attention.toString(), "--quiet", "--threads", "2");
        assertEquals(0, run.exitCode(), run.stderr());

        double[] level = ModelFile.load(model).predictLevel(test);
        List<String[]> rows = Fixtures.predictionRows(out, "gene_id\tpredicted\tpredicted_log1p\tobserved", test);
        for (int g = 0; g < test.geneCount(); g++) {
            String[] f = rows.get(g);
            double expected = Math.expm1(level[g]); // written with 6 significant digits
            assertEquals(expected, Double.parseDouble(f[1]), 1e-5 * Math.max(1, Math.abs(expected)));
        }
        var metrics = ModelFile.json().readTree(dir.resolve("levels.tsv.metrics.json").toFile());
        assertEquals("attentive", metrics.get("model").asText());
        assertEquals("regression", metrics.get("task").asText());
        assertEquals(test.geneCount(), metrics.get("genes").asInt());
        assertTrue(metrics.get("pearson_r").isNumber(), metrics.toString());

        List<String> lines = Files.readAllLines(attention);
        assertEquals("gene_id\tmark\tbin\talpha\tbeta", lines.get(0));
        assertEquals(test.geneCount() * test.markCount() * test.bins() + 1, lines.size());
        Map<String, Double> alphaSums = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            alphaSums.merge(f[0] + "\t" + f[1], Double.parseDouble(f[3]), Double::sum);
        }
        alphaSums.forEach((k, s) -> assertEquals(1.0, s, 1e-4, "alpha of " + k));
    }
}
