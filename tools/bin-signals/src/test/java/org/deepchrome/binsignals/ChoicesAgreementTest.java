package org.deepchrome.binsignals;

import org.deepchrome.core.cli.Choices;
import org.deepchrome.core.testing.ToolRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.TreeSet;

import static org.deepchrome.core.testing.ChoiceFiles.galaxySelect;
import static org.deepchrome.core.testing.ChoiceFiles.galaxyTool;
import static org.deepchrome.core.testing.ChoiceFiles.schema;
import static org.deepchrome.core.testing.ChoiceFiles.schemaChoices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --help, Galaxy's wrapper and the pipeline schema offer exactly the values --count, --normalize,
 * --control-operation and --tss accept (--output-format is offered by --help alone).
 */
class ChoicesAgreementTest {
    private static final Path XML = galaxyTool("bin_signals");

    @Test
    void countModes() throws Exception {
        TreeSet<String> expected = new TreeSet<>(Choices.ids(CountMode.class));
        assertEquals(new TreeSet<>(java.util.List.of("overlap", "five-prime", "fragment-center")), expected);
        assertEquals(expected, galaxySelect(XML, "--count"));
        assertEquals(expected, schemaChoices(schema(), "count"));
    }

    @Test
    void normalizations() throws Exception {
        TreeSet<String> expected = new TreeSet<>(Choices.ids(Normalization.class));
        assertEquals(expected, galaxySelect(XML, "--normalize"));
        assertEquals(expected, schemaChoices(schema(), "normalize"));
    }

    @Test
    void controlOperations() throws Exception {
        TreeSet<String> expected = new TreeSet<>(Choices.ids(ControlOperation.class));
        assertEquals(new TreeSet<>(java.util.List.of("log2", "ratio", "subtract")), expected);
        assertEquals(expected, galaxySelect(XML, "--control-operation"));
        assertEquals(expected, schemaChoices(schema(), "control_operation"));
    }

    @Test
    void tssSources() throws Exception {
        TreeSet<String> expected = new TreeSet<>(Choices.ids(TssSource.class));
        assertEquals(new TreeSet<>(java.util.List.of("gene", "transcript")), expected);
        assertEquals(expected, schemaChoices(schema(), "tss"));
    }

    @Test
    void aWrongChoiceIsAUsageErrorNamingTheChoices() {
        ToolRun run = Fixtures.run("--genes", "g.bed", "--mark", "A=a.bam", "--output", "m.csv", "--output-format", "bed");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("deepchrome, deeptools") && run.stderr().contains("'bed'"), run.stderr());
        run = Fixtures.run("--genes", "g.bed", "--mark", "A=a.bam", "--output", "m.csv", "--tss", "exon");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("gene, transcript") && run.stderr().contains("'exon'"), run.stderr());
    }

    @Test
    void helpListsTheCandidates() {
        ToolRun run = ToolRun.of(new BinSignals(), "--help");
        assertEquals(0, run.exitCode());
        String help = run.stdout().replaceAll("\\s+", ""); // wherever picocli wraps the lines
        assertTrue(help.contains("(overlap,five-prime,fragment-center)"), run.stdout());
        assertTrue(help.contains("none,cpm:none=rawcounts"), run.stdout());
        assertTrue(help.contains("--tss=SOURCEgene,transcript."), run.stdout());
        assertTrue(help.contains("--output-format=FORMATdeepchrome,deeptools."), run.stdout());
    }
}
