package org.deepchrome.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.deepchrome.core.matrix.ComputeMatrixFile;
import org.deepchrome.core.matrix.ExpressionLabels;
import org.deepchrome.core.matrix.ExpressionTable;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.matrix.MatrixWriter;
import org.deepchrome.core.matrix.Threshold;
import org.deepchrome.core.testing.ToolRun;
import org.deepchrome.model.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Classification on matrices without labels (deepTools computeMatrix files, as bin-signals
 * --output-format deeptools writes them) with labels from --expression (issue 14): each matrix's
 * genes are labelled 1 above the median of their values, as bin-signals labels; genes without
 * a value are left out with a warning.
 */
class ExpressionLabelsTrainTest {
    @TempDir
    Path dir;

    /** The generated matrix as a computeMatrix file (labels dropped), as bin-signals writes it. */
    private Path computeMatrix(GeneMatrix m, String name) throws IOException {
        List<ComputeMatrixFile.Region> regions = new ArrayList<>();
        for (int g = 0; g < m.geneCount(); g++) {
            regions.add(new ComputeMatrixFile.Region("chr1", 20_000 * g, 20_000 * g + 1, m.geneId(g), '+'));
        }
        Path file = dir.resolve(name + ".mat.gz");
        ComputeMatrixFile.write(m.withLabels(null), regions, "genes", 5000, 5000, 100, file);
        return file;
    }

    @Test
    void computeMatrixFilesTrainOnLabelsFromExpression() throws IOException {
        Path data = TestData.generatedMatrices();
        GeneMatrix train = MatrixReader.read(data.resolve("train.csv"));
        GeneMatrix valid = MatrixReader.read(data.resolve("valid.csv"));
        // a table without the first three training genes: they are left out
        List<String> rows = new ArrayList<>(Files.readAllLines(TestData.root().resolve("test-data/expression.tsv")));
        rows.removeIf(l -> l.startsWith(train.geneId(0) + "\t") || l.startsWith(train.geneId(1) + "\t")
                || l.startsWith(train.geneId(2) + "\t"));
        Path table = Files.write(dir.resolve("e.tsv"), rows);

        Path model = dir.resolve("m.zip");
        ToolRun run = ToolRun.of(new Train(), "--train", computeMatrix(train, "train").toString(), "--valid",
                computeMatrix(valid, "valid").toString(), "--expression", table.toString(), "--output",
                model.toString(), "--model-type", "logistic", "--c", "0.1", "--quiet", "--threads", "1");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("deepchrome-train: warning: " + dir.resolve("train.mat.gz") + ": 3 of "
                + train.geneCount() + " genes have no expression value in " + table + "; they are left out"),
                run.stderrLines());
        JsonNode summary = ModelFile.json().readTree(dir.resolve("m.zip.summary.json").toFile());
        assertEquals(train.geneCount() - 3, summary.get("train_genes").asInt());
        assertEquals(valid.geneCount(), summary.get("valid_genes").asInt());

        // the same model as from CSV matrices labelled by hand with each file's median
        Map<String, Double> values = ExpressionTable.read(table, null);
        Path trainCsv = dir.resolve("train.csv");
        Path validCsv = dir.resolve("valid.csv");
        MatrixWriter.write(byHandMedianLabels(train, values), trainCsv);
        MatrixWriter.write(byHandMedianLabels(valid, values), validCsv);
        Path reference = dir.resolve("reference.zip");
        ToolRun csvRun = ToolRun.of(new Train(), "--train", trainCsv.toString(), "--valid", validCsv.toString(),
                "--output", reference.toString(), "--model-type", "logistic", "--c", "0.1", "--quiet", "--threads", "1");
        assertEquals(0, csvRun.exitCode(), csvRun.stderr());
        JsonNode expected = ModelFile.json().readTree(dir.resolve("reference.zip.summary.json").toFile());
        assertEquals(expected.get("valid_auc").asDouble(), summary.get("valid_auc").asDouble(), 0.0);
        assertTrue(summary.get("valid_auc").asDouble() > 0.8, "labels from expression are learnable: " + summary);
    }

    /** Genes with a value, labelled 1 above the median of those values (computed here by sorting). */
    private static GeneMatrix byHandMedianLabels(GeneMatrix m, Map<String, Double> values) {
        List<Integer> kept = new ArrayList<>();
        for (int g = 0; g < m.geneCount(); g++) {
            if (values.containsKey(m.geneId(g))) {
                kept.add(g);
            }
        }
        double[] sorted = kept.stream().mapToDouble(g -> values.get(m.geneId(g))).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        int[] genes = kept.stream().mapToInt(Integer::intValue).toArray();
        int[] labels = Arrays.stream(genes).map(g -> values.get(m.geneId(g)) > median ? 1 : 0).toArray();
        ExpressionLabels.Labelled core = ExpressionLabels.label(m.geneIds(), values, Threshold.MEDIAN);
        assertArrayEquals(genes, core.genes());
        assertArrayEquals(labels, core.labels());
        return m.subset(genes).withLabels(labels);
    }

    @Test
    void expressionOnALabelledMatrixIsRefusedNamingTheFile() throws IOException {
        Path data = TestData.generatedMatrices();
        ToolRun run = ToolRun.of(new Train(), "--train", data.resolve("train.csv").toString(), "--valid",
                data.resolve("valid.csv").toString(), "--expression",
                TestData.root().resolve("test-data/expression.tsv").toString(), "--output",
                dir.resolve("m.zip").toString(), "--model-type", "logistic", "--quiet");
        assertEquals(2, run.exitCode(), run.stderr());
        assertEquals(List.of("deepchrome-train: " + data.resolve("train.csv") + ": the matrix has a label column; "
                + "--expression labels only matrices without one (leave it out to learn these labels, or add --task "
                + "regression to learn the levels)"), run.stderrLines());
        assertTrue(Files.notExists(dir.resolve("m.zip")));
    }
}
