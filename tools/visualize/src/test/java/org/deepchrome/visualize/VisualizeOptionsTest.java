package org.deepchrome.visualize;

import org.deepchrome.core.cli.Choices;
import org.deepchrome.core.testing.ToolRun;
import org.deepchrome.visualize.charts.FigureWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.deepchrome.core.testing.ChoiceFiles.galaxySelect;
import static org.deepchrome.core.testing.ChoiceFiles.galaxyTool;
import static org.deepchrome.core.testing.ChoiceFiles.schema;
import static org.deepchrome.core.testing.ChoiceFiles.schemaChoices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The option vocabulary: image formats agree with Galaxy and the schema; old spellings still work. */
class VisualizeOptionsTest {
    @TempDir
    Path work;

    // Old names (--format, vis_format) accepted while the wrapper and schema renames land on other branches.
    @Test
    void imageFormatsAgreeWithGalaxyAndTheSchema() throws Exception {
        TreeSet<String> expected = new TreeSet<>(Choices.ids(FigureWriter.Format.class));
        assertEquals(new TreeSet<>(List.of("png", "svg")), expected);
        assertEquals(expected, galaxySelect(galaxyTool("visualize"), "--image-format", "--format"));
        assertEquals(expected, schemaChoices(schema(), "image_format", "vis_format"));
    }

    @Test
    void helpListsTheFormatsAndHidesOldSpellings() {
        ToolRun run = ToolRun.of(new Visualize(), "--help");
        assertEquals(0, run.exitCode());
        String help = run.stdout().replaceAll("\\s+", " "); // wherever picocli wraps the lines
        assertTrue(help.contains("comma-separated: png, svg (default: png,svg)"), help);
        for (String current : List.of("--epoch-table=", "--gene-list=", "--image-format=")) {
            assertTrue(help.contains(current), current + " missing from help");
        }
        for (String old : List.of("--epochs", "--genes", "--format")) {
            assertFalse(help.contains(old + "="), old + " shown in help");
        }
    }

    @Test
    void oldSpellingsSetTheSameValuesWithOneNoticeEach() throws IOException {
        Path data = TestData.projectMatrices();
        Path model = TestData.cnn(data, 10);
        Path list = Files.writeString(work.resolve("genes.txt"), TestData.read(data, "test").geneId(0) + "\n");
        Path out = work.resolve("figures");
        ToolRun run = ToolRun.of(new Visualize(), "--model", model.toString(), "--input",
                TestData.matrixFile(data, "test").toString(), "--epochs", TestData.epochsOf(model).toString(),
                "--genes", list.toString(), "--format", "svg", "--output-dir", out.toString(), "--iterations", "5",
                "--threads", "2", "--quiet");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("deepchrome-visualize: warning: --epochs is deprecated; use --epoch-table",
                "deepchrome-visualize: warning: --genes is deprecated; use --gene-list",
                "deepchrome-visualize: warning: --format is deprecated; use --image-format"), run.stderrLines());
        assertTrue(Files.isRegularFile(out.resolve("training_curves.svg")), "--epochs was not used");
        assertTrue(Files.readString(out.resolve("saliency.tsv")).contains("\tlisted\t"), "--genes was not used");
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".png")).toList(), "--format svg wrote PNGs");
        }
    }
}
