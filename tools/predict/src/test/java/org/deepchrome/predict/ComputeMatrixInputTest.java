package org.deepchrome.predict;

import com.fasterxml.jackson.databind.JsonNode;
import org.deepchrome.core.matrix.ComputeMatrixFile;
import org.deepchrome.core.matrix.ExpressionTable;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.testing.ToolRun;
import org.deepchrome.model.ModelFile;
import org.deepchrome.model.RocAuc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * predict reads a deepTools computeMatrix file (samples = marks) as it reads the CSV: the same
 * genes and values give the same predictions. The model is galaxy/test-data's logistic model
 * (the paper's five marks, 100 bins), the matrix test-data's chr3 genes.
 */
class ComputeMatrixInputTest {
    @TempDir
    Path dir;

    @Test
    void computeMatrixFileGivesTheCsvPredictions() throws IOException {
        Path root = Fixtures.root();
        Path model = root.resolve("galaxy/test-data/logistic_model.zip");
        Path csv = root.resolve("test-data/matrix/test.csv");
        GeneMatrix m = MatrixReader.read(csv);
        List<ComputeMatrixFile.Region> regions = new ArrayList<>();
        for (int g = 0; g < m.geneCount(); g++) {
            regions.add(new ComputeMatrixFile.Region("chr3", 1000 * g, 1000 * g + 1, m.geneId(g), '+'));
        }
        Path deeptools = dir.resolve("test.mat.gz");
        ComputeMatrixFile.write(m.withLabels(null), regions, "genes", 5000, 5000, 100, deeptools);

        Path fromCsv = dir.resolve("csv.tsv");
        Path fromDeeptools = dir.resolve("deeptools.tsv");
        ToolRun a = ToolRun.of(new Predict(), "--model", model.toString(), "--input", csv.toString(),
                "--output", fromCsv.toString(), "--quiet");
        ToolRun b = ToolRun.of(new Predict(), "--model", model.toString(), "--input", deeptools.toString(),
                "--output", fromDeeptools.toString(), "--quiet");
        assertEquals(0, a.exitCode(), a.stderr());
        assertEquals(0, b.exitCode(), b.stderr());
        List<String> withLabels = Files.readAllLines(fromCsv);
        List<String> without = Files.readAllLines(fromDeeptools);
        assertEquals(m.geneCount() + 1, without.size());
        for (int i = 1; i < without.size(); i++) { // the CSV run adds the observed label column
            assertEquals(without.get(i), withLabels.get(i).substring(0, withLabels.get(i).lastIndexOf('\t')));
        }
    }

    /**
     * A classifier on an unlabelled computeMatrix file with --expression: labels 1 above the
     * median of the genes' values (worked out here by sorting), genes without a value left out of
     * predictions and metrics with one warning; AUC and accuracy those of the model's scores.
     */
    @Test
    void expressionGivesLabelsToAComputeMatrixFileByTheMedian() throws IOException {
        Path root = Fixtures.root();
        Path model = root.resolve("galaxy/test-data/logistic_model.zip");
        GeneMatrix m = MatrixReader.read(root.resolve("test-data/matrix/test.csv"));
        List<ComputeMatrixFile.Region> regions = new ArrayList<>();
        for (int g = 0; g < m.geneCount(); g++) {
            regions.add(new ComputeMatrixFile.Region("chr3", 1000 * g, 1000 * g + 1, m.geneId(g), '+'));
        }
        Path deeptools = dir.resolve("test.mat.gz");
        ComputeMatrixFile.write(m.withLabels(null), regions, "genes", 5000, 5000, 100, deeptools);
        Map<String, Double> all = ExpressionTable.read(root.resolve("test-data/expression.tsv"), null);
        StringBuilder table = new StringBuilder("gene_id\tlevel\n");
        Map<String, Double> kept = new java.util.LinkedHashMap<>();
        for (int g = 2; g < m.geneCount(); g++) { // the first two genes have no value
            kept.put(m.geneId(g), all.get(m.geneId(g)));
            table.append(m.geneId(g)).append('\t').append(all.get(m.geneId(g))).append('\n');
        }
        Path expression = Files.writeString(dir.resolve("e.tsv"), table);

        Path out = dir.resolve("p.tsv");
        ToolRun run = ToolRun.of(new Predict(), "--model", model.toString(), "--input", deeptools.toString(),
                "--expression", expression.toString(), "--output", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("deepchrome-predict: warning: " + deeptools + ": 2 of " + m.geneCount() + " genes have no "
                + "expression value in " + expression + "; they are left out of the predictions and the metrics"),
                run.stderrLines());

        double[] sorted = kept.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        GeneMatrix scored = m.subset(java.util.stream.IntStream.range(2, m.geneCount()).toArray());
        double[] p = ModelFile.load(model).probabilityHigh(scored);
        int[] labels = new int[n];
        List<String> rows = Files.readAllLines(out);
        assertEquals("gene_id\tprobability_high\tpredicted_label\tlabel", rows.get(0));
        assertEquals(n + 1, rows.size());
        for (int i = 0; i < n; i++) {
            labels[i] = kept.get(scored.geneId(i)) > median ? 1 : 0;
            String[] f = rows.get(i + 1).split("\t");
            assertEquals(scored.geneId(i), f[0]);
            assertEquals(Integer.toString(labels[i]), f[3]);
        }
        JsonNode metrics = ModelFile.json().readTree(dir.resolve("p.tsv.metrics.json").toFile());
        assertEquals(n, metrics.get("genes").asInt());
        assertEquals(java.util.Arrays.stream(labels).sum(), metrics.get("positives").asInt());
        assertEquals(RocAuc.auc(p, labels), metrics.get("auc").asDouble(), 1e-12);
        assertTrue(Files.exists(dir.resolve("p.tsv.roc.tsv")));
    }
}
