package org.deepchrome.train;

import org.deepchrome.core.testing.ToolRun;
import org.deepchrome.model.ModelFile;
import org.deepchrome.model.ModelKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The option vocabulary: enum candidates in --help, and the old spellings still working with a notice. */
class TrainOptionsTest {
    @TempDir
    Path dir;

    @Test
    void helpListsEnumCandidatesAndHidesOldSpellings() {
        ToolRun run = ToolRun.of(new Train(), "--help");
        assertEquals(0, run.exitCode());
        String help = run.stdout().replaceAll("\\s+", " "); // wherever picocli wraps the lines
        assertTrue(help.contains("--model-type=TYPE"), help);
        assertTrue(help.contains("cnn, rf, svm, logistic, ridge, attentive:"), help);
        assertTrue(help.contains("--task=TASK classification, regression:"), help);
        assertTrue(help.contains("CNN optimizer: adam, sgd, rmsprop"), help);
        assertTrue(help.contains("none, log1p (default log1p)"), help);
        assertTrue(help.contains("--epoch-table=EPOCHS.tsv"), help);
        assertFalse(help.contains("--model="), help);
        assertFalse(help.contains("--metrics"), help);
    }

    @Test
    void oldSpellingsSetTheSameValuesWithOneNoticeEach() throws IOException {
        Path data = TestData.generatedMatrices();
        Path model = dir.resolve("m.zip");
        Path epochs = dir.resolve("e.tsv");
        ToolRun run = ToolRun.of(new Train(), "--train", data.resolve("train.csv").toString(),
                "--valid", data.resolve("valid.csv").toString(), "--output", model.toString(),
                "--model", "logistic", "--metrics", epochs.toString(), "--c", "0.1", "--quiet", "--threads", "1");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("deepchrome-train: warning: --model is deprecated; use --model-type",
                "deepchrome-train: warning: --metrics is deprecated; use --epoch-table"), run.stderrLines());
        assertEquals(ModelKind.LOGISTIC, ModelFile.load(model).kind());
        assertTrue(Files.readString(epochs).startsWith("epoch\ttrain_loss"));
        assertFalse(Files.exists(dir.resolve("m.zip.epochs.tsv")));
    }

    @Test
    void enumValuesKeepTheirUsualSpellings() throws IOException {
        Path data = TestData.generatedMatrices();
        Path model = dir.resolve("m.zip");
        ToolRun run = ToolRun.of(new Train(), "--train", data.resolve("train.csv").toString(),
                "--valid", data.resolve("valid.csv").toString(), "--output", model.toString(),
                "--model-type", "SVM", "--transform", "none", "--c", "0.1", "--quiet", "--threads", "1");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("", run.stderr());
        assertEquals(ModelKind.SVM, ModelFile.load(model).kind());
        assertEquals("none", ModelFile.load(model).metadata().transform().id());
    }
}
