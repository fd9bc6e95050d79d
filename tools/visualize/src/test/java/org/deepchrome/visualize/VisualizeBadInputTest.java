package org.deepchrome.visualize;

import org.deepchrome.core.cli.ToolRunner;
import org.deepchrome.core.cli.VersionProvider;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.testing.ToolRun;
import org.deepchrome.model.CnnArchitecture;
import org.deepchrome.model.CnnModel;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.ModelFile;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.ModelMetadata;
import org.deepchrome.model.Optimizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input: one line on stderr naming the file and the problem, exit 2, and no file written. */
class VisualizeBadInputTest {
    @TempDir
    static Path work;
    /** An untrained CNN of the paper's shape: enough for every check that fails before any real work. */
    static Path cnn;

    @BeforeAll
    static void untrainedCnn() throws IOException {
        ModelMetadata metadata = new ModelMetadata(ModelMetadata.FORMAT, ModelKind.CNN, GeneMatrix.PAPER_MARKS, 100,
                InputTransform.LOG1P, 1, VersionProvider.suiteVersion(), 1, 0.5, Map.of(), Map.of());
        cnn = work.resolve("untrained.cnn.zip");
        ModelFile.save(new CnnModel(metadata, CnnArchitecture.build(5, 100, 1, Optimizer.ADAM, 0.001)), cnn);
    }

    private static void assertFailsCleanly(ToolRun run, Path outDir, String... expectedInMessage) throws IOException {
        assertEquals(ToolRunner.EXIT_BAD_INPUT, run.exitCode(), run.stderr());
        List<String> lines = run.errors().lines().toList();
        assertEquals(1, lines.size(), "exactly one line on stderr, got: " + run.errors());
        String line = lines.get(0);
        assertTrue(line.startsWith("deepchrome-visualize: "), line);
        for (String expected : expectedInMessage) {
            assertTrue(line.contains(expected), "'" + expected + "' missing from: " + line);
        }
        assertEquals("", run.stdout());
        if (Files.isDirectory(outDir)) {
            try (Stream<Path> files = Files.list(outDir)) {
                assertEquals(List.of(), files.toList(), "nothing may be written on bad input");
            }
        }
    }

    private static Path matrix(String name, String header, int genes) throws IOException {
        StringBuilder sb = new StringBuilder(header).append('\n');
        int columns = header.split(",").length - 2;
        for (int g = 0; g < genes; g++) {
            for (int b = 1; b <= 100; b++) {
                sb.append("G").append(g).append(',').append(b);
                for (int c = 0; c < columns; c++) {
                    sb.append(',').append((g + b + c) % 4);
                }
                sb.append('\n');
            }
        }
        Path p = work.resolve(name);
        Files.writeString(p, sb);
        return p;
    }

    @Test
    void baselineModelHasNoGradient() throws IOException {
        Path data = TestData.projectMatrices();
        Path logistic = TestData.logistic(data);
        Path out = work.resolve("baseline-out");
        ToolRun run = ToolRun.of(new Visualize(), "--model", logistic.toString(), "--output-dir", out.toString(), "--quiet");
        assertFailsCleanly(run, out, logistic.toString(), "logistic model has no gradient", "cnn");
    }

    @Test
    void matrixWithOtherMarksIsRefused() throws IOException {
        Path twoMarks = matrix("two-marks.csv", "gene_id,bin,H3K4me3,H3K27me3", 3);
        Path out = work.resolve("marks-out");
        ToolRun run = ToolRun.of(new Visualize(), "--model", cnn.toString(), "--input", twoMarks.toString(), "--output-dir",
                out.toString(), "--iterations", "5", "--quiet");
        assertFailsCleanly(run, out, twoMarks.toString(), "marks", "H3K27me3");
    }

    @Test
    void matrixWithMarksInAnotherOrderIsRefused() throws IOException {
        Path shuffled = matrix("shuffled.csv", "gene_id,bin,H3K4me3,H3K27me3,H3K36me3,H3K4me1,H3K9me3", 3);
        Path out = work.resolve("order-out");
        ToolRun run = ToolRun.of(new Visualize(), "--model", cnn.toString(), "--input", shuffled.toString(), "--output-dir",
                out.toString(), "--quiet");
        assertFailsCleanly(run, out, shuffled.toString(), "mark order");
    }

    @Test
    void outputDirectoryThatCannotBeCreated() throws IOException {
        Path file = Files.writeString(work.resolve("a-file"), "x");
        Path out = file.resolve("figures");
        ToolRun run = ToolRun.of(new Visualize(), "--model", cnn.toString(), "--output-dir", out.toString(), "--quiet");
        assertFailsCleanly(run, out, out.toString(), file + " is not a directory");
    }

    @Test
    void outputDirectoryThatIsNotWritable() throws IOException {
        // Permission bits do not stop root (CI runs as root); /proc/sys refuses new files to everyone.
        Path out = Path.of("/proc/sys");
        ToolRun run = ToolRun.of(new Visualize(), "--model", cnn.toString(), "--output-dir", out.toString(), "--quiet");
        assertFailsCleanly(run, work.resolve("nothing-here"), out.toString(), "not writable");
        assertFalse(Files.exists(out.resolve("class_optimization.tsv")));
    }

    @Test
    void predictionsWithoutTheProbabilityColumn() throws IOException {
        Path bad = Files.writeString(work.resolve("bad.predictions.tsv"), "gene_id\tscore\tpredicted_label\nG1\t0.5\t1\n");
        Path out = work.resolve("pred-out");
        ToolRun run = ToolRun.of(new Visualize(), "--model", cnn.toString(), "--predictions", bad.toString(), "--output-dir",
                out.toString(), "--quiet");
        assertFailsCleanly(run, out, bad + ":1:", "probability_high");
    }

    @Test
    void predictionsWithAProbabilityOutsideZeroOne() throws IOException {
        Path bad = Files.writeString(work.resolve("range.predictions.tsv"),
                "gene_id\tprobability_high\tpredicted_label\tlabel\nG1\t0.5\t1\t1\nG2\t1.5\t1\t0\n");
        Path out = work.resolve("range-out");
        ToolRun run = ToolRun.of(new Visualize(), "--model", cnn.toString(), "--predictions", bad.toString(), "--output-dir",
                out.toString(), "--quiet");
        assertFailsCleanly(run, out, bad + ":3:", "outside [0, 1]");
    }

    @Test
    void geneListNamingAGeneNotInTheMatrix() throws IOException {
        Path input = matrix("paper.csv", "gene_id,bin,H3K27me3,H3K36me3,H3K4me1,H3K4me3,H3K9me3", 3);
        Path list = Files.writeString(work.resolve("genes.txt"), "G1\n# comment\nNOPE\n");
        Path out = work.resolve("genes-out");
        ToolRun run = ToolRun.of(new Visualize(), "--model", cnn.toString(), "--input", input.toString(), "--gene-list", list.toString(),
                "--output-dir", out.toString(), "--iterations", "5", "--quiet");
        assertFailsCleanly(run, out, list + ":3:", "NOPE", "not in");
    }

    @Test
    void badOptionValues() throws IOException {
        Path out = work.resolve("options-out");
        assertFailsCleanly(ToolRun.of(new Visualize(), "--model", cnn.toString(), "--output-dir", out.toString(), "--iterations", "0"),
                out, "--iterations");
        assertFailsCleanly(ToolRun.of(new Visualize(), "--model", cnn.toString(), "--output-dir", out.toString(), "--image-format", "gif"),
                out, "--image-format", "expected one of png, svg but was 'gif'");
        assertFailsCleanly(ToolRun.of(new Visualize(), "--model", cnn.toString(), "--output-dir", out.toString(), "--lambda", "-1"),
                out, "--lambda");
    }

    @Test
    void missingModelFile() throws IOException {
        Path out = work.resolve("missing-out");
        Path missing = work.resolve("nope.zip");
        assertFailsCleanly(ToolRun.of(new Visualize(), "--model", missing.toString(), "--output-dir", out.toString()), out,
                missing.toString(), "does not exist");
    }
}
