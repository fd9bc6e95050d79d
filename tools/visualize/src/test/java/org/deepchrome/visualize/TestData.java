package org.deepchrome.visualize;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.ModelFile;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.Optimizer;
import org.deepchrome.train.BaselineTrainer;
import org.deepchrome.train.CnnTrainer;
import org.deepchrome.train.EpochResult;
import org.deepchrome.train.TrainingResult;
import org.deepchrome.train.TrainingSettings;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the tests find data (the project's test-data/, the shared real data beside the checkout)
 * and the models they train on it with the train tool's own trainers, once per JVM.
 */
final class TestData {
    private static final Map<String, Path> MODELS = new HashMap<>();
    private static Path scratch;

    private TestData() {
    }

    static Path root() {
        return Path.of(System.getProperty("deepchrome.root", "../..")).toAbsolutePath().normalize();
    }

    /** test-data/matrix of the project (train, valid, test); skips the test when it has not been generated. */
    static Path projectMatrices() {
        Path dir = root().resolve("test-data/matrix");
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("train.csv")),
                "test-data/matrix is absent (generate it with test-data/regenerate.sh); skipping");
        return dir;
    }

    /** test-data/matrix when generated, else the small shared deepdiff/E123 cell; skips when neither is there. */
    static Path anyMatrices() {
        Path project = root().resolve("test-data/matrix");
        if (Files.isRegularFile(project.resolve("train.csv"))) {
            return project;
        }
        return shared("deepdiff/E123");
    }

    /** A folder of ../shared/data; skips the test with a message when it is absent. */
    static Path shared(String name) {
        Path dir = root().resolve("../shared/data").resolve(name).normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared data " + dir + " is absent; skipping");
        return dir;
    }

    static GeneMatrix read(Path dir, String split) {
        Path plain = dir.resolve(split + ".csv");
        return MatrixReader.read(Files.exists(plain) ? plain : dir.resolve(split + ".csv.gz"));
    }

    /** A CNN trained on {@code dir}'s train/valid split with the paper's settings, saved as a model file. */
    static synchronized Path cnn(Path dir, int epochs) {
        return MODELS.computeIfAbsent("cnn:" + dir + ":" + epochs, k -> {
            TrainingSettings settings = new TrainingSettings(ModelKind.CNN, epochs, 32, 0.001, Optimizer.ADAM,
                    InputTransform.LOG1P, 0, 1, 0);
            TrainingResult result = new CnnTrainer(settings, true).train(read(dir, "train"), read(dir, "valid"));
            return save(result, "cnn-" + epochs);
        });
    }

    /** A logistic-regression baseline on the same split: a model without a gradient. */
    static synchronized Path logistic(Path dir) {
        return MODELS.computeIfAbsent("logistic:" + dir, k -> {
            TrainingSettings settings = new TrainingSettings(ModelKind.LOGISTIC, 1, 32, 0.001, Optimizer.ADAM,
                    InputTransform.LOG1P, 0, 1, 10);
            TrainingResult result = new BaselineTrainer(settings, true).train(read(dir, "train"), read(dir, "valid"));
            return save(result, "logistic");
        });
    }

    private static Path save(TrainingResult result, String name) {
        try {
            if (scratch == null) {
                scratch = Files.createTempDirectory("visualize-test-models");
                scratch.toFile().deleteOnExit();
            }
            Path model = scratch.resolve(name + ".zip");
            ModelFile.save(result.model(), model);
            StringBuilder epochs = new StringBuilder("epoch\ttrain_loss\tvalid_auc\tseconds\n");
            for (EpochResult e : result.epochs()) {
                epochs.append(String.format(Locale.ROOT, "%d\t%.6f\t%.6f\t%.3f%n", e.epoch(), e.trainLoss(),
                        e.validAuc(), e.seconds()));
            }
            Files.writeString(scratch.resolve(name + ".epochs.tsv"), epochs);
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The epochs table written next to a model by {@link #cnn}. */
    static Path epochsOf(Path model) {
        return model.resolveSibling(model.getFileName().toString().replace(".zip", ".epochs.tsv"));
    }
}
