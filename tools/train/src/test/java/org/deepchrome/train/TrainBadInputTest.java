package org.deepchrome.train;

import org.deepchrome.core.testing.ToolRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input: one line naming the file (and line), exit 2, and no model, table or summary left behind. */
class TrainBadInputTest {
    @TempDir
    Path dir;
    private List<String> train;
    private List<String> valid;

    @BeforeEach
    void readGoodMatrices() throws IOException {
        Path data = TestData.generatedMatrices();
        train = Files.readAllLines(data.resolve("train.csv"));
        valid = Files.readAllLines(data.resolve("valid.csv"));
    }

    @Test
    void geneWithFewerRowsThanBins() throws IOException {
        List<String> bad = new ArrayList<>(train);
        bad.remove(199); // the second gene loses its last bin
        assertRefused(write("train.csv", bad), write("valid.csv", valid), "train.csv:", "has 99 bins, expected 100");
    }

    @Test
    void nonNumericValue() throws IOException {
        List<String> bad = new ArrayList<>(train);
        bad.set(4, replaceColumn(bad.get(4), 3, "abc"));
        assertRefused(write("train.csv", bad), write("valid.csv", valid), "train.csv:5:", "'abc' is not a number");
    }

    @Test
    void negativeValue() throws IOException {
        List<String> bad = new ArrayList<>(valid);
        bad.set(9, replaceColumn(bad.get(9), 2, "-1.5"));
        assertRefused(write("train.csv", train), write("valid.csv", bad), "valid.csv:10:", "non-negative");
    }

    @Test
    void labelsAbsentForTraining() throws IOException {
        List<String> unlabelled = map(train, l -> l.substring(0, l.lastIndexOf(',')));
        assertRefused(write("train.csv", unlabelled), write("valid.csv", valid), "train.csv:", "no label column");
    }

    @Test
    void singleClassInTrain() throws IOException {
        List<String> allHigh = map(train, l -> l.substring(0, l.lastIndexOf(',')) + ",1");
        assertRefused(write("train.csv", allHigh), write("valid.csv", valid), "train.csv:", "need both classes");
    }

    @Test
    void forestRefusesBadValuesLikeTheCnn() throws IOException {
        List<String> bad = new ArrayList<>(train);
        bad.set(4, replaceColumn(bad.get(4), 3, "abc"));
        assertRefused(write("train.csv", bad), write("valid.csv", valid), "train.csv:5:", "'abc' is not a number",
                "--model-type", "rf");
    }

    @Test
    void forestNeedsBothClasses() throws IOException {
        List<String> allHigh = map(train, l -> l.substring(0, l.lastIndexOf(',')) + ",1");
        assertRefused(write("train.csv", allHigh), write("valid.csv", valid), "train.csv:", "need both classes",
                "--model-type", "rf");
    }

    @Test
    void singleClassInValid() throws IOException {
        List<String> allLow = map(valid, l -> l.substring(0, l.lastIndexOf(',')) + ",0");
        assertRefused(write("train.csv", train), write("valid.csv", allLow), "valid.csv:", "need both classes");
    }

    @Test
    void validMarksDifferFromTrain() throws IOException {
        List<String> renamed = new ArrayList<>();
        renamed.add("gene_id,bin,H3K36me3,H3K27me3,H3K4me1,H3K4me3,H3K9me3,label");
        renamed.addAll(valid);
        assertRefused(write("train.csv", train), write("valid.csv", renamed), "valid.csv:", "differ from the training");
    }

    @Test
    void unknownModelKindIsAUsageError() throws IOException {
        Path t = write("train.csv", train);
        Path v = write("valid.csv", valid);
        ToolRun run = run(t, v, "--model-type", "xgboost");
        assertEquals(2, run.exitCode());
        assertEquals(List.of("deepchrome-train: Invalid value for option '--model-type': expected one of cnn, rf, svm, "
                + "logistic, ridge, attentive but was 'xgboost' (see deepchrome-train --help)"), run.stderrLines());
        assertNoOutput();
    }

    /**
     * A learning rate of 1e9 makes the loss NaN within the first epoch. The AUC of NaN scores
     * once looped forever; now training stops with one line and writes nothing.
     */
    @Test
    @Timeout(300)
    void divergingTrainingStopsWithOneLine() throws IOException {
        Path data = TestData.generatedMatrices();
        Path model = dir.resolve("m.zip");
        ToolRun run = ToolRun.of(new Train(), "--train", data.resolve("train.csv").toString(), "--valid",
                data.resolve("valid.csv").toString(), "--optimizer", "sgd", "--learning-rate", "1e9", "--epochs", "1",
                "--output", model.toString());
        assertEquals(2, run.exitCode(), run.stderr());
        assertEquals(1, run.stderrLines().size(), run.stderr());
        assertTrue(run.lastErrorLine().startsWith("deepchrome-train: training diverged in epoch 1: "), run.stderr());
        assertTrue(run.lastErrorLine().endsWith("try a smaller --learning-rate (got 1.0E9 with --optimizer sgd)"),
                run.stderr());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no model, epoch table or summary");
        }
    }

    private void assertRefused(Path trainFile, Path validFile, String where, String what, String... extra) {
        ToolRun run = run(trainFile, validFile, extra);
        assertEquals(2, run.exitCode(), run.stderr());
        String line = run.lastErrorLine();
        assertTrue(line.startsWith("deepchrome-train: ") && line.contains(where), line);
        assertTrue(line.contains(what), line);
        assertFalse(run.stderr().contains("Exception"), run.stderr());
        assertNoOutput();
    }

    private ToolRun run(Path trainFile, Path validFile, String... extra) {
        List<String> args = new ArrayList<>(List.of("--train", trainFile.toString(), "--valid", validFile.toString(),
                "--output", dir.resolve("model.zip").toString(), "--epochs", "1", "--quiet", "--threads", "1"));
        args.addAll(List.of(extra));
        return ToolRun.of(new Train(), args.toArray(String[]::new));
    }

    private void assertNoOutput() {
        try (var files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("train.csv", "valid.csv"), names, "no partial output");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Path write(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), lines);
    }

    private static String replaceColumn(String line, int column, String value) {
        String[] f = line.split(",");
        f[column] = value;
        return String.join(",", f);
    }

    private static List<String> map(List<String> lines, UnaryOperator<String> f) {
        return lines.stream().map(f).collect(Collectors.toList());
    }
}
