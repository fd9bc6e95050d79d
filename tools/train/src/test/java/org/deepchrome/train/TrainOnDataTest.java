package org.deepchrome.train;

import org.deepchrome.core.testing.ToolRun;
import org.deepchrome.model.DeepChromeModel;
import org.deepchrome.model.ForestModel;
import org.deepchrome.model.LinearModel;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trains every model kind on small real and generated matrices and checks it learns (test AUC far above 0.5). */
class TrainOnDataTest {
    /** Chance is 0.5; a promoter H3K4me3 score alone reaches about 0.87 on real cells. */
    private static final double WELL_ABOVE_CHANCE = 0.75;

    @TempDir
    Path dir;

    @Test
    void cnnLearnsTheGeneratedTestMatrices() throws IOException {
        Path data = TestData.generatedMatrices();
        Path model = dir.resolve("cnn.zip");
        ToolRun run = train(data, model, "--epochs", "5");
        assertEquals(0, run.exitCode(), run.stderr());
        double auc = TestData.testAuc(model, data.resolve("test.csv"));
        assertTrue(auc > WELL_ABOVE_CHANCE, "test AUC " + auc);

        List<String> epochs = Files.readAllLines(dir.resolve("cnn.zip.epochs.tsv"));
        assertEquals("epoch\ttrain_loss\tvalid_auc\tseconds", epochs.get(0));
        assertEquals(6, epochs.size());
        var summary = ModelFile.json().readTree(dir.resolve("cnn.zip.summary.json").toFile());
        assertEquals("cnn", summary.get("model").asText());
        int best = summary.get("best_epoch").asInt();
        double bestAuc = summary.get("valid_auc").asDouble();
        for (String row : epochs.subList(1, epochs.size())) {
            assertTrue(Double.parseDouble(row.split("\t")[2]) <= bestAuc + 1e-6, "best epoch has the best AUC");
        }
        assertEquals(bestAuc, Double.parseDouble(epochs.get(best).split("\t")[2]), 1e-6);
        DeepChromeModel loaded = ModelFile.load(model);
        assertEquals(best, loaded.metadata().bestEpoch());
        assertEquals(InputTransform.LOG1P, loaded.transform());
        assertTrue(summary.get("library_versions").get("deeplearning4j-nn").asText().startsWith("1.0.0"));
    }

    @Test
    void forestLearnsTheGeneratedTestMatrices() throws IOException {
        Path data = TestData.generatedMatrices();
        Path model = dir.resolve("rf.zip");
        ToolRun run = train(data, model, "--model-type", "rf");
        assertEquals(0, run.exitCode(), run.stderr());
        double auc = TestData.testAuc(model, data.resolve("test.csv"));
        assertTrue(auc > WELL_ABOVE_CHANCE, "test AUC " + auc);
        DeepChromeModel loaded = ModelFile.load(model);
        assertTrue(loaded instanceof ForestModel, loaded.getClass().toString());
        assertEquals(100, ((ForestModel) loaded).forest().trees().size(), "default --trees");
        assertEquals("22", loaded.metadata().options().get("max_features"), "√500 features tried per split");
        List<String> epochs = Files.readAllLines(dir.resolve("rf.zip.epochs.tsv"));
        assertEquals(2, epochs.size());
        assertEquals(loaded.metadata().validAuc(), Double.parseDouble(epochs.get(1).split("\t")[2]), 1e-6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"E123", "E003"})
    void cnnLearnsSmallRealCells(String cell) {
        Path data = TestData.shared("deepdiff/" + cell);
        Path model = dir.resolve(cell + ".zip");
        ToolRun run = train(data, model, "--epochs", "5");
        assertEquals(0, run.exitCode(), run.stderr());
        double auc = TestData.testAuc(model, data.resolve("test.csv"));
        assertTrue(auc > WELL_ABOVE_CHANCE, cell + " test AUC " + auc);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rf", "svm", "logistic"})
    void baselinesLearnASmallRealCell(String kind) throws IOException {
        Path data = TestData.shared("deepdiff/E123");
        Path model = dir.resolve(kind + ".zip");
        ToolRun run = train(data, model, "--model-type", kind, "--trees", "20");
        assertEquals(0, run.exitCode(), run.stderr());
        DeepChromeModel loaded = ModelFile.load(model);
        assertEquals(kind, loaded.kind().id());
        assertTrue(kind.equals("rf") ? loaded instanceof ForestModel : loaded instanceof LinearModel,
                loaded.getClass().toString());
        double auc = TestData.testAuc(model, data.resolve("test.csv"));
        assertTrue(auc > WELL_ABOVE_CHANCE, kind + " test AUC " + auc);
        List<String> epochs = Files.readAllLines(dir.resolve(kind + ".zip.epochs.tsv"));
        assertEquals(2, epochs.size(), "baselines write one row, epoch 1");
        assertTrue(epochs.get(1).startsWith("1\tNA\t"), epochs.get(1));
        if (!kind.equals("rf")) {
            // Every C of the grid was tried; the kept one has the best validation AUC.
            String tried = loaded.metadata().options().get("valid_auc_by_c");
            double best = java.util.Arrays.stream(tried.replaceAll("[{}]", "").split(", "))
                    .mapToDouble(e -> Double.parseDouble(e.split("=")[1])).max().orElseThrow();
            assertEquals(4, tried.split(", ").length, tried);
            assertEquals(best, loaded.metadata().validAuc(), 1e-6);
        }
    }

    private static ToolRun train(Path data, Path model, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--train", data.resolve("train.csv").toString(),
                "--valid", data.resolve("valid.csv").toString(), "--output", model.toString(), "--quiet",
                "--threads", "2"));
        args.addAll(List.of(extra));
        return ToolRun.of(new Train(), args.toArray(String[]::new));
    }
}
