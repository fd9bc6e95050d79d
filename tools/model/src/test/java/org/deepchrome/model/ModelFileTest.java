package org.deepchrome.model;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.matrix.GeneMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFileTest {
    @TempDir
    Path dir;

    @Test
    void cnnRoundTripKeepsMetadataAndPredictions() throws IOException {
        GeneMatrix m = CnnArchitectureTest.randomMatrix(20, 5);
        CnnModel model = new CnnModel(TestModels.metadata(ModelKind.CNN, m),
                CnnArchitecture.build(5, 100, 3, Optimizer.ADAM, 1e-3));
        Path file = dir.resolve("m.zip");
        ModelFile.save(model, file);
        DeepChromeModel back = ModelFile.load(file);
        assertEquals(model.metadata(), back.metadata());
        assertTrue(back instanceof CnnModel);
        assertArrayEquals(model.probabilityHigh(m), back.probabilityHigh(m), 0.0);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    static ModelMetadata regressionMetadata(ModelKind kind, GeneMatrix m) {
        return new ModelMetadata(ModelMetadata.FORMAT, kind, m.marks(), m.bins(), InputTransform.LOG1P, 1, "test",
                1, Double.NaN, Map.of(), Map.of(), Task.REGRESSION, InputTransform.LOG1P, 0.7);
    }

    @Test
    void regressionModelsRoundTripWithTaskAndTargetTransform() throws IOException {
        GeneMatrix m = CnnArchitectureTest.randomMatrix(30, 5);
        double[] y = new double[m.geneCount()];
        for (int g = 0; g < y.length; g++) {
            y[g] = m.value(g, 0, 50) * 2 + g % 3; // any levels: only the round trip is tested
        }
        float[][] rows = BaselineFeatures.rows(m, InputTransform.LOG1P);
        List<DeepChromeModel> models = List.of(
                new CnnModel(regressionMetadata(ModelKind.CNN, m),
                        CnnArchitecture.build(5, 100, 3, Optimizer.ADAM, 1e-3, Task.REGRESSION)),
                new LinearModel(regressionMetadata(ModelKind.RIDGE, m), new RidgeTrainer(rows, y).fit(1)),
                new ForestModel(regressionMetadata(ModelKind.RF, m),
                        new org.deepchrome.model.forest.ForestTrainer(4, 1, 1, 256).fitRegression(rows, y, () -> { })));
        for (DeepChromeModel model : models) {
            Path file = dir.resolve(model.kind() + ".zip");
            ModelFile.save(model, file);
            DeepChromeModel back = ModelFile.load(file);
            assertEquals(model.metadata(), back.metadata(), model.kind().id());
            assertEquals(Task.REGRESSION, back.task());
            assertEquals(InputTransform.LOG1P, back.targetTransform());
            assertArrayEquals(model.predictLevel(m), back.predictLevel(m), 0.0, model.kind().id());
            assertThrows(UnsupportedOperationException.class, () -> back.probabilityHigh(m),
                    "a regression model gives no probability");
            String json = new String(ModelFile.json().writeValueAsBytes(back.metadata()), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"task\" : \"REGRESSION\"") && json.contains("\"target_transform\" : \"LOG1P\""),
                    json);
        }
    }

    /** Files written before the task existed have no "task" key: they are classifiers. */
    @Test
    void metadataWithoutTaskIsClassification() throws IOException {
        GeneMatrix m = CnnArchitectureTest.randomMatrix(10, 5);
        ModelMetadata meta = TestModels.metadata(ModelKind.CNN, m);
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) ModelFile.json().valueToTree(meta);
        assertEquals("CLASSIFICATION", json.remove("task").asText());
        ModelMetadata back = ModelFile.json().treeToValue(json, ModelMetadata.class);
        assertEquals(Task.CLASSIFICATION, back.task());
        assertFalse(back.isRegression());
    }

    /** ridge for classification, svm for regression: no trainer writes them, so loading refuses them. */
    @Test
    void kindAndTaskMustAgree() throws IOException {
        GeneMatrix m = CnnArchitectureTest.randomMatrix(10, 5);
        ModelMetadata svmRegression = regressionMetadata(ModelKind.SVM, m);
        Path file = dir.resolve("svm.zip");
        writeZip(file, ModelFile.json().writeValueAsBytes(svmRegression), ModelFile.LINEAR_ENTRY,
                ModelFile.json().writeValueAsBytes(new LinearModel.Parameters(new double[500], 0)));
        assertOneLine(file, file + ": deepchrome-model.json describes a svm model for regression, which the suite "
                + "does not train");
    }

    @Test
    void forestRoundTripKeepsMetadataAndPredictions() throws IOException {
        GeneMatrix m = CnnArchitectureTest.randomMatrix(40, 6);
        ForestModel model = forest(m);
        Path file = dir.resolve("rf.zip");
        ModelFile.save(model, file);
        DeepChromeModel back = ModelFile.load(file);
        assertEquals(model.metadata(), back.metadata());
        assertTrue(back instanceof ForestModel);
        assertArrayEquals(model.probabilityHigh(m), back.probabilityHigh(m), 0.0);
        double[] p = back.probabilityHigh(m);
        assertTrue(java.util.Arrays.stream(p).allMatch(x -> x >= 0 && x <= 1));
    }

    /** Forests written before the suite had its own (a Tribuo ensemble in baseline-tribuo.pb) still load. */
    @Test
    void tribuoForestFromEarlierVersionsStillLoads() throws IOException {
        GeneMatrix m = CnnArchitectureTest.randomMatrix(30, 2);
        var trainer = new org.tribuo.common.tree.RandomForestTrainer<>(
                new org.tribuo.classification.dtree.CARTClassificationTrainer(Integer.MAX_VALUE, 1f, 0f, 0.05f, false,
                        new org.tribuo.classification.dtree.impurity.GiniIndex(), 1),
                new org.tribuo.classification.ensemble.VotingCombiner(), 3, 1);
        var tribuo = trainer.train(BaselineFeatures.dataset(m, InputTransform.LOG1P, "test"));
        Path file = dir.resolve("old-rf.zip");
        ModelFile.save(new BaselineModel(TestModels.metadata(ModelKind.RF, m), tribuo), file);
        DeepChromeModel back = ModelFile.load(file);
        assertEquals(ModelKind.RF, back.kind());
        assertTrue(back instanceof BaselineModel);
        assertEquals(m.geneCount(), back.probabilityHigh(m).length);
    }

    @Test
    void damagedOrMissingForestIsRefusedWithOneLine() throws IOException {
        GeneMatrix m = CnnArchitectureTest.randomMatrix(20, 3);
        Path good = dir.resolve("rf.zip");
        ModelFile.save(forest(m), good);
        byte[] forestBytes;
        byte[] metadata;
        try (var zip = new java.util.zip.ZipFile(good.toFile())) {
            forestBytes = zip.getInputStream(zip.getEntry(ModelFile.FOREST_ENTRY)).readAllBytes();
            metadata = zip.getInputStream(zip.getEntry(ModelFile.METADATA_ENTRY)).readAllBytes();
        }
        Path cut = dir.resolve("cut-forest.zip");
        writeZip(cut, metadata, ModelFile.FOREST_ENTRY, java.util.Arrays.copyOf(forestBytes, forestBytes.length / 2));
        assertOneLine(cut, "the rf model in the model file is damaged: forest entry is truncated");
        Path missing = dir.resolve("no-forest.zip");
        writeZip(missing, metadata, "other.bin", forestBytes);
        assertOneLine(missing, "lacks its forest.bin entry");
    }

    @Test
    void linearRoundTripKeepsWeightsAndPredictions() throws IOException {
        GeneMatrix m = CnnArchitectureTest.randomMatrix(30, 4);
        LinearModel model = new LinearModel(TestModels.metadata(ModelKind.SVM, m),
                new LinearTrainer(BaselineFeatures.rows(m, InputTransform.LOG1P), m.labels()).fit(ModelKind.SVM, 0.1, 1));
        Path file = dir.resolve("svm.zip");
        ModelFile.save(model, file);
        DeepChromeModel back = ModelFile.load(file);
        assertEquals(model.metadata(), back.metadata());
        assertArrayEquals(model.parameters().weights(), ((LinearModel) back).parameters().weights(), 0.0);
        assertArrayEquals(model.probabilityHigh(m), back.probabilityHigh(m), 0.0);
    }

    @Test
    void damagedLinearWeightsAreRefusedWithOneLine() throws IOException {
        GeneMatrix m = CnnArchitectureTest.randomMatrix(10, 4);
        Path good = dir.resolve("lr.zip");
        ModelFile.save(new LinearModel(TestModels.metadata(ModelKind.LOGISTIC, m),
                new LinearModel.Parameters(new double[500], 0)), good);
        byte[] metadata;
        try (var zip = new java.util.zip.ZipFile(good.toFile())) {
            metadata = zip.getInputStream(zip.getEntry(ModelFile.METADATA_ENTRY)).readAllBytes();
        }
        Path shortWeights = dir.resolve("short.zip");
        writeZip(shortWeights, metadata, ModelFile.LINEAR_ENTRY, "{\"weights\": [1, 2], \"bias\": 0}".getBytes());
        assertOneLine(shortWeights, "expected 500 finite weights and a finite bias");
        Path notJson = dir.resolve("garbled.zip");
        writeZip(notJson, metadata, ModelFile.LINEAR_ENTRY, "{\"weights\": [1, ".getBytes());
        assertOneLine(notJson, "the logistic model in the model file is damaged");
        Path missing = dir.resolve("none.zip");
        writeZip(missing, metadata, "other", new byte[1]);
        assertOneLine(missing, "lacks its linear.json entry");
    }

    private static ForestModel forest(GeneMatrix m) {
        var forest = new org.deepchrome.model.forest.ForestTrainer(5, 1, 2, 256)
                .fit(BaselineFeatures.rows(m, InputTransform.LOG1P), m.labels(), () -> { });
        return new ForestModel(TestModels.metadata(ModelKind.RF, m), forest);
    }

    private static void writeZip(Path file, byte[] metadata, String entry, byte[] payload) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(raw)) {
            zip.putNextEntry(new ZipEntry(ModelFile.METADATA_ENTRY));
            zip.write(metadata);
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(payload);
        }
    }

    @Test
    void refusesMarksOrBinsTheModelWasNotTrainedOn() {
        GeneMatrix m = CnnArchitectureTest.randomMatrix(2, 5);
        CnnModel model = new CnnModel(TestModels.metadata(ModelKind.CNN, m),
                CnnArchitecture.build(5, 100, 3, Optimizer.ADAM, 1e-3));
        List<String> swapped = List.of("H3K36me3", "H3K27me3", "H3K4me1", "H3K4me3", "H3K9me3");
        GeneMatrix reordered = new GeneMatrix(swapped, 100, m.geneIds(), List.of(m.values(0), m.values(1)), null);
        BadInputException e = assertThrows(BadInputException.class,
                () -> model.checkCompatible(reordered, Path.of("x.csv")));
        assertTrue(e.getMessage().startsWith("x.csv: mark order"), e.getMessage());
        model.checkCompatible(m, Path.of("ok.csv"));
    }

    @Test
    void foreignFilesAreRefusedWithOneLineNamingThem() throws IOException {
        Path text = dir.resolve("notes.zip");
        Files.writeString(text, "hello, I am not a model\n");
        assertOneLine(text, "not a DeepChrome model file");

        Path otherZip = dir.resolve("other.zip");
        try (OutputStream raw = Files.newOutputStream(otherZip); ZipOutputStream zip = new ZipOutputStream(raw)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("x".getBytes());
        }
        assertOneLine(otherZip, "no deepchrome-model.json");
    }

    @Test
    void truncatedModelFileIsRefused() throws IOException {
        GeneMatrix m = CnnArchitectureTest.randomMatrix(2, 5);
        Path file = dir.resolve("m.zip");
        ModelFile.save(new CnnModel(TestModels.metadata(ModelKind.CNN, m),
                CnnArchitecture.build(5, 100, 3, Optimizer.ADAM, 1e-3)), file);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.zip");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        BadInputException e = assertThrows(BadInputException.class, () -> ModelFile.load(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    private static void assertOneLine(Path file, String expected) {
        BadInputException e = assertThrows(BadInputException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
