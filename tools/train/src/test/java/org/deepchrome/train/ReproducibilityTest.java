package org.deepchrome.train;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.testing.ToolRun;
import org.deepchrome.model.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Same seed, same machine → the same model: identical predictions and the same per-epoch AUCs. */
class ReproducibilityTest {
    @TempDir
    Path dir;

    @Test
    void twoCnnRunsWithOneSeedPredictIdentically() throws IOException {
        Path data = TestData.generatedMatrices();
        Path a = train(data, "a.zip", "7", "cnn");
        Path b = train(data, "b.zip", "7", "cnn");
        Path c = train(data, "c.zip", "8", "cnn");
        GeneMatrix test = MatrixReader.read(data.resolve("test.csv"));
        double[] pa = ModelFile.load(a).probabilityHigh(test);
        double[] pb = ModelFile.load(b).probabilityHigh(test);
        double[] pc = ModelFile.load(c).probabilityHigh(test);
        assertArrayEquals(pa, pb, 0.0, "same seed, same predictions");
        assertFalse(java.util.Arrays.equals(pa, pc), "another seed gives another model");
        assertEquals(aucColumn(a), aucColumn(b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rf", "svm", "logistic"})
    void twoBaselineRunsWithOneSeedPredictIdentically(String kind) {
        Path data = TestData.generatedMatrices();
        Path a = train(data, kind + "-a.zip", "3", kind);
        Path b = train(data, kind + "-b.zip", "3", kind);
        GeneMatrix test = MatrixReader.read(data.resolve("test.csv"));
        assertArrayEquals(ModelFile.load(a).probabilityHigh(test), ModelFile.load(b).probabilityHigh(test), 0.0);
    }

    @Test
    void theCnnDoesNotDependOnTheThreadCount() throws IOException {
        Path data = TestData.generatedMatrices();
        Path one = train(data, "cnn-1.zip", "4", "cnn", "1", "10");
        Path three = train(data, "cnn-3.zip", "4", "cnn", "3", "10");
        GeneMatrix test = MatrixReader.read(data.resolve("test.csv"));
        assertArrayEquals(ModelFile.load(one).probabilityHigh(test), ModelFile.load(three).probabilityHigh(test), 0.0);
        assertEquals(aucColumn(one), aucColumn(three), "validation AUC per epoch");
    }

    @Test
    void theForestDoesNotDependOnTheThreadCount() throws IOException {
        Path data = TestData.generatedMatrices();
        Path one = train(data, "rf-1.zip", "5", "rf", "1", "25");
        Path two = train(data, "rf-2.zip", "5", "rf", "2", "25");
        Path three = train(data, "rf-3.zip", "5", "rf", "3", "25");
        GeneMatrix test = MatrixReader.read(data.resolve("test.csv"));
        double[] p1 = ModelFile.load(one).probabilityHigh(test);
        assertArrayEquals(p1, ModelFile.load(two).probabilityHigh(test), 0.0);
        assertArrayEquals(p1, ModelFile.load(three).probabilityHigh(test), 0.0);
        // Not only the same predictions: the same trees, node for node.
        assertArrayEquals(forestEntry(one), forestEntry(two));
        assertArrayEquals(forestEntry(one), forestEntry(three));
    }

    private static byte[] forestEntry(Path model) throws IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(model.toFile())) {
            return zip.getInputStream(zip.getEntry(ModelFile.FOREST_ENTRY)).readAllBytes();
        }
    }

    private Path train(Path data, String name, String seed, String kind) {
        return train(data, name, seed, kind, "2", "10");
    }

    private Path train(Path data, String name, String seed, String kind, String threads, String trees) {
        Path model = dir.resolve(name);
        ToolRun run = ToolRun.of(new Train(), "--train", data.resolve("train.csv").toString(),
                "--valid", data.resolve("valid.csv").toString(), "--output", model.toString(),
                "--model-type", kind, "--epochs", "3", "--trees", trees, "--seed", seed, "--quiet", "--threads", threads);
        assertEquals(0, run.exitCode(), run.stderr());
        return model;
    }

    private static List<String> aucColumn(Path model) throws IOException {
        return Files.readAllLines(Path.of(model + ".epochs.tsv")).stream().map(l -> l.split("\t")[2]).toList();
    }
}
