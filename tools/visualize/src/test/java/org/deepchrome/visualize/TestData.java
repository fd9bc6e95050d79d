package org.deepchrome.visualize;

import org.deepchrome.core.cli.ToolRunner;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.testing.ProjectFiles;
import org.deepchrome.core.testing.ToolRun;
import org.deepchrome.train.Train;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the tests find data (the project's test-data/, the shared real data beside the checkout)
 * and the models they train on it with the train tool (through its command line), once per JVM.
 */
final class TestData {
    private static final Map<String, Path> MODELS = new HashMap<>();
    private static Path scratch;

    private TestData() {
    }

    static Path root() {
        return ProjectFiles.root();
    }

    /** test-data/matrix of the project (train, valid, test), committed: missing, it fails the test. */
    static Path projectMatrices() {
        ProjectFiles.committed("test-data/matrix/train.csv");
        return ProjectFiles.committed("test-data/matrix");
    }

    /** A folder of ../shared/data; skips the test with a message when it is absent. */
    static Path shared(String name) {
        Path dir = root().resolve("../shared/data").resolve(name).normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared data " + dir + " is absent; skipping");
        return dir;
    }

    static Path matrixFile(Path dir, String split) {
        Path plain = dir.resolve(split + ".csv");
        return Files.exists(plain) ? plain : dir.resolve(split + ".csv.gz");
    }

    static GeneMatrix read(Path dir, String split) {
        return MatrixReader.read(matrixFile(dir, split));
    }

    /** A CNN trained on {@code dir}'s train/valid split by the train tool itself (its CLI contract), seed 1. */
    static synchronized Path cnn(Path dir, int epochs) {
        return MODELS.computeIfAbsent("cnn:" + dir + ":" + epochs, k -> train(dir, "cnn-" + epochs, "--model-type", "cnn",
                "--epochs", Integer.toString(epochs)));
    }

    /** A regression CNN (--task regression, targets from test-data/expression.tsv) on the same split. */
    static synchronized Path regressionCnn(Path dir, int epochs) {
        return MODELS.computeIfAbsent("regression:" + dir + ":" + epochs, k -> train(dir, "regression-" + epochs,
                "--task", "regression", "--expression", expressionTable().toString(), "--epochs",
                Integer.toString(epochs)));
    }

    static Path expressionTable() {
        return root().resolve("test-data/expression.tsv");
    }

    /** An AttentiveChrome model on the same split (learning rate raised: the synthetic split is small). */
    static synchronized Path attentive(Path dir, int epochs) {
        return MODELS.computeIfAbsent("attentive:" + dir + ":" + epochs, k -> train(dir, "attentive-" + epochs,
                "--model-type", "attentive", "--epochs", Integer.toString(epochs), "--learning-rate", "0.005"));
    }

    /** A regression AttentiveChrome model (targets from test-data/expression.tsv) on the same split. */
    static synchronized Path attentiveRegression(Path dir, int epochs) {
        return MODELS.computeIfAbsent("attentive-regression:" + dir + ":" + epochs, k -> train(dir,
                "attentive-regression-" + epochs, "--model-type", "attentive", "--task", "regression", "--expression",
                expressionTable().toString(), "--epochs", Integer.toString(epochs), "--learning-rate", "0.005"));
    }

    /** A logistic-regression baseline on the same split: a model without a gradient. */
    static synchronized Path logistic(Path dir) {
        return MODELS.computeIfAbsent("logistic:" + dir, k -> train(dir, "logistic", "--model-type", "logistic"));
    }

    private static Path train(Path dir, String name, String... options) {
        try {
            if (scratch == null) {
                scratch = Files.createTempDirectory("visualize-test-models");
                scratch.toFile().deleteOnExit();
            }
            Path model = scratch.resolve(name + ".zip");
            List<String> args = new ArrayList<>(List.of("--train", matrixFile(dir, "train").toString(),
                    "--valid", matrixFile(dir, "valid").toString(), "--output", model.toString(),
                    "--epoch-table", epochsOf(model).toString(), "--seed", "1", "--threads", "2", "--quiet"));
            args.addAll(List.of(options));
            int code = ToolRunner.execute(new Train(), args.toArray(String[]::new));
            if (code != 0) {
                throw new IllegalStateException("deepchrome-train " + args + " exited with " + code);
            }
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The epochs table written next to a model by {@link #cnn}. */
    static Path epochsOf(Path model) {
        return model.resolveSibling(model.getFileName().toString().replace(".zip", ".epochs.tsv"));
    }

    /**
     * deepchrome-visualize on the test split of {@code data} with {@code model}, its --predictions
     * and its epoch table, figures into {@code out}; {@code options} follow.
     */
    static ToolRun visualizeTestSplit(Path data, Path model, Path predictions, Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("--model", model.toString(), "--input",
                data.resolve("test.csv").toString(), "--predictions", predictions.toString(), "--epoch-table",
                epochsOf(model).toString(), "--output-dir", out.toString()));
        args.addAll(List.of(options));
        return ToolRun.of(new Visualize(), args.toArray(String[]::new));
    }
}
