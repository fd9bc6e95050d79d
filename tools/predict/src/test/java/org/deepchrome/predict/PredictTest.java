package org.deepchrome.predict;

import com.fasterxml.jackson.databind.JsonNode;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.matrix.MatrixWriter;
import org.deepchrome.core.testing.ToolRun;
import org.deepchrome.model.BaselineFeatures;
import org.deepchrome.model.BaselineModel;
import org.deepchrome.model.CnnArchitecture;
import org.deepchrome.model.CnnModel;
import org.deepchrome.model.DeepChromeModel;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.ModelFile;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.ModelMetadata;
import org.deepchrome.model.Optimizer;
import org.deepchrome.model.RocAuc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictTest {
    @TempDir
    Path dir;
    private Path testMatrix;
    private GeneMatrix test;

    @BeforeEach
    void locateData() {
        testMatrix = Fixtures.testMatrix();
        test = MatrixReader.read(testMatrix);
    }

    @Test
    void writesPredictionsAndExactEvaluationForLabelledInput() throws IOException {
        Path modelFile = cnnModel(test);
        Path out = dir.resolve("pred.tsv");
        ToolRun run = ToolRun.of(new Predict(), "--model", modelFile.toString(), "--input", testMatrix.toString(),
                "--output", out.toString(), "--quiet", "--threads", "1");
        assertEquals(0, run.exitCode(), run.stderr());

        double[] expected = ModelFile.load(modelFile).probabilityHigh(test);
        List<String[]> rows = Fixtures.predictionRows(out, "gene_id\tprobability_high\tpredicted_label\tlabel", test);
        for (int g = 0; g < test.geneCount(); g++) {
            String[] f = rows.get(g);
            assertEquals(expected[g], Double.parseDouble(f[1]), 5e-7);
            assertEquals(expected[g] >= 0.5 ? "1" : "0", f[2]);
            assertEquals(Integer.toString(test.label(g)), f[3]);
        }

        JsonNode metrics = ModelFile.json().readTree(dir.resolve("pred.tsv.metrics.json").toFile());
        double auc = RocAuc.auc(expected, test.labels());
        assertEquals("cnn", metrics.get("model").asText());
        assertEquals("classification", metrics.get("task").asText());
        assertEquals(auc, metrics.get("auc").asDouble(), 1e-12);
        assertEquals(RocAuc.accuracy(expected, test.labels()), metrics.get("accuracy").asDouble(), 1e-12);
        assertEquals(test.geneCount(), metrics.get("genes").asInt());
        assertEquals(java.util.Arrays.stream(test.labels()).sum(), metrics.get("positives").asInt());
        assertTrue(run.stdout().startsWith(String.format(java.util.Locale.ROOT, "AUC %.4f accuracy", auc)),
                run.stdout());

        List<String> roc = Files.readAllLines(dir.resolve("pred.tsv.roc.tsv"));
        assertEquals("false_positive_rate\ttrue_positive_rate\tthreshold", roc.get(0));
        assertEquals("0.000000\t0.000000\tInf", roc.get(1));
        assertTrue(roc.get(roc.size() - 1).startsWith("1.000000\t1.000000\t"), roc.get(roc.size() - 1));
    }

    @Test
    void unlabelledGzipInputGetsPredictionsOnly() throws IOException {
        Path modelFile = cnnModel(test);
        Path input = dir.resolve("unlabelled.csv.gz");
        MatrixWriter.write(test.withLabels(null), input);
        Path out = dir.resolve("pred.tsv");
        ToolRun run = ToolRun.of(new Predict(), "--model", modelFile.toString(), "--input", input.toString(),
                "--output", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> rows = Files.readAllLines(out);
        assertEquals("gene_id\tprobability_high\tpredicted_label", rows.get(0));
        assertEquals(3, rows.get(1).split("\t").length);
        assertFalse(Files.exists(dir.resolve("pred.tsv.metrics.json")));
        assertFalse(Files.exists(dir.resolve("pred.tsv.roc.tsv")));
        assertEquals("", run.stdout());
    }

    @Test
    void baselineModelsPredictThroughTheSameCommand() throws IOException {
        Path trainMatrix = testMatrix.resolveSibling("train.csv");
        GeneMatrix train = MatrixReader.read(trainMatrix);
        Model<Label> fitted = new LibLinearClassificationTrainer(
                new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), 1.0, 1000, 1e-4, 1L)
                .train(BaselineFeatures.dataset(train, InputTransform.LOG1P, "train"));
        Path modelFile = dir.resolve("logistic.zip");
        ModelFile.save(new BaselineModel(metadata(ModelKind.LOGISTIC, train), fitted), modelFile);
        Path out = dir.resolve("pred.tsv");
        ToolRun run = ToolRun.of(new Predict(), "--model", modelFile.toString(), "--input", testMatrix.toString(),
                "--output", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode metrics = ModelFile.json().readTree(dir.resolve("pred.tsv.metrics.json").toFile());
        assertEquals("logistic", metrics.get("model").asText());
        assertTrue(metrics.get("auc").asDouble() > 0.75, "a fitted logistic regression ranks genes: " + metrics);
    }

    @Test
    void refusesAMatrixWithOtherMarks() throws IOException {
        Path modelFile = cnnModel(test);
        List<String> lines = new ArrayList<>();
        lines.add("gene_id,bin,H3K27me3,H3K36me3,H3K4me1,H3K4me3,label");
        for (String l : Files.readAllLines(testMatrix)) {
            String[] f = l.split(",");
            lines.add(String.join(",", f[0], f[1], f[2], f[3], f[4], f[5], f[7]));
        }
        Path input = Files.write(dir.resolve("four-marks.csv"), lines);
        assertRefused(modelFile, input, "four-marks.csv: marks [H3K27me3, H3K36me3, H3K4me1, H3K4me3] do not match");
    }

    @Test
    void refusesAMatrixWithMarksInAnotherOrder() throws IOException {
        Path modelFile = cnnModel(test);
        GeneMatrix swapped = new GeneMatrix(List.of("H3K36me3", "H3K27me3", "H3K4me1", "H3K4me3", "H3K9me3"),
                test.bins(), test.geneIds(), allValues(test), test.labels());
        Path input = dir.resolve("swapped.csv");
        MatrixWriter.write(swapped, input);
        assertRefused(modelFile, input, "swapped.csv: mark order");
    }

    @Test
    void refusesAMatrixWithAnotherBinCount() throws IOException {
        Path modelFile = cnnModel(test);
        List<float[]> shorter = new ArrayList<>();
        for (int g = 0; g < test.geneCount(); g++) {
            float[] v = new float[5 * 60];
            for (int m = 0; m < 5; m++) {
                System.arraycopy(test.values(g), m * 100 + 20, v, m * 60, 60);
            }
            shorter.add(v);
        }
        Path input = dir.resolve("sixty.csv");
        MatrixWriter.write(new GeneMatrix(test.marks(), 60, test.geneIds(), shorter, test.labels()), input);
        assertRefused(modelFile, input, "sixty.csv: 60 bins per gene, the model expects 100");
    }

    @Test
    void refusesCorruptAndForeignModelFiles() throws IOException {
        Path good = cnnModel(test);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertRefused(truncated, testMatrix, "truncated.zip: ");
        Path foreign = Files.writeString(dir.resolve("foreign.zip"), "PK? no, just text\n");
        assertRefused(foreign, testMatrix, "foreign.zip: not a DeepChrome model file");
        assertRefused(dir.resolve("missing.zip"), testMatrix, "missing.zip: model file does not exist");
    }

    @Test
    void unwritableMetricsTargetLeavesNoPredictionsBehind() throws IOException {
        Path modelFile = cnnModel(test);
        // A directory below a regular file cannot be created by anyone, root included.
        Path blocker = Files.writeString(dir.resolve("a-file"), "");
        ToolRun run = ToolRun.of(new Predict(), "--model", modelFile.toString(), "--input", testMatrix.toString(),
                "--output", dir.resolve("pred.tsv").toString(), "--metrics",
                blocker.resolve("m.json").toString(), "--quiet");
        assertEquals(2, run.exitCode(), run.stderr());
        assertEquals(List.of("deepchrome-predict: " + blocker.resolve("m.json") + ": cannot write: " + blocker
                + " is not a directory"), run.stderrLines());
        assertFalse(Files.exists(dir.resolve("pred.tsv")));
    }

    private void assertRefused(Path modelFile, Path input, String expected) throws IOException {
        List<String> before;
        try (var files = Files.list(dir)) {
            before = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        ToolRun run = ToolRun.of(new Predict(), "--model", modelFile.toString(), "--input", input.toString(),
                "--output", dir.resolve("pred.tsv").toString(), "--quiet");
        assertEquals(2, run.exitCode(), run.stderr());
        String line = run.lastErrorLine();
        assertTrue(line.startsWith("deepchrome-predict: ") && line.contains(expected), line);
        assertFalse(run.stderr().contains("Exception"), run.stderr());
        try (var files = Files.list(dir)) {
            assertEquals(before, files.map(p -> p.getFileName().toString()).sorted().toList(), "no partial output");
        }
    }

    private Path cnnModel(GeneMatrix m) throws IOException {
        Path file = dir.resolve("cnn.zip");
        if (!Files.exists(file)) {
            ModelFile.save(new CnnModel(metadata(ModelKind.CNN, m),
                    CnnArchitecture.build(m.markCount(), m.bins(), 5, Optimizer.ADAM, 1e-3)), file);
        }
        return file;
    }

    private static ModelMetadata metadata(ModelKind kind, GeneMatrix m) {
        return Fixtures.metadata(kind, m.marks(), m.bins(), 5);
    }

    private static List<float[]> allValues(GeneMatrix m) {
        List<float[]> v = new ArrayList<>();
        for (int g = 0; g < m.geneCount(); g++) {
            float[] src = m.values(g);
            float[] swapped = src.clone();
            System.arraycopy(src, 0, swapped, 100, 100);
            System.arraycopy(src, 100, swapped, 0, 100);
            v.add(swapped);
        }
        return v;
    }
}
