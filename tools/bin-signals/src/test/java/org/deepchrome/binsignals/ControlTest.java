package org.deepchrome.binsignals;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.matrix.MatrixWriter;
import org.deepchrome.core.testing.ToolRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input controls against hand-computed bins. Gene P (+, TSS 2000), window 100, bins of 100:
 * bin 1 = [1900,2000), bin 2 = [2000,2100). Mark: 2 reads in bin 1, 1 in bin 2, 1 far away
 * (library 4). Control: 1 read in bin 1, 3 in bin 2, 6 far away (library 10). With readcount
 * scaling min(4,10) = 4: mark × 1, control × 0.4, so the control bins are 0.4 and 1.2.
 */
class ControlTest {
    @TempDir
    Path dir;
    Path genes;
    Path mark;
    Path control;

    @BeforeEach
    void inputs() throws IOException {
        genes = Fixtures.write(dir.resolve("genes.bed"), "chr1\t2000\t3000\tP\t0\t+\n");
        mark = new Fixtures.Bam().contig("chr1", 10_000).read("chr1", 1911).read("chr1", 1921).read("chr1", 2011)
                .read("chr1", 5001).write(dir.resolve("mark.bam"), true);
        Fixtures.Bam c = new Fixtures.Bam().contig("chr1", 10_000).read("chr1", 1931)
                .read("chr1", 2011).read("chr1", 2021).read("chr1", 2031);
        for (int i = 0; i < 6; i++) {
            c.read("chr1", 7001 + 100 * i);
        }
        control = c.write(dir.resolve("control.bam"), true);
    }

    private GeneMatrix run(Object... extra) throws IOException {
        Path out = dir.resolve("m.csv");
        List<Object> args = new ArrayList<>(List.of("--genes", genes, "--mark", "K4=" + mark, "--control", "K4=" + control,
                "--window", 100, "--bin-size", 100, "--output", out, "--quiet"));
        args.addAll(List.of(extra));
        ToolRun r = Fixtures.run(args.toArray());
        assertEquals(0, r.exitCode(), r.stderr());
        return MatrixReader.read(out);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static void assertBins(GeneMatrix m, double first, double second) {
        assertEquals(first, m.value(0, 0, 0), 1e-6);
        assertEquals(second, m.value(0, 0, 1), 1e-6);
    }

    @Test
    void log2ReadCountScaledIsTheDefaultAndSigned() throws IOException {
        GeneMatrix m = run();
        assertBins(m, log2(3 / 1.4), log2(2 / 2.2));
        assertTrue(m.signed());
        assertEquals(MatrixWriter.SIGNED_LINE, Files.readAllLines(dir.resolve("m.csv")).get(0));
        assertEquals("gene_id,bin,K4", Files.readAllLines(dir.resolve("m.csv")).get(1));
    }

    @Test
    void ratioIsNotSigned() throws IOException {
        GeneMatrix m = run("--control-operation", "ratio");
        assertBins(m, 3 / 1.4, 2 / 2.2);
        assertFalse(m.signed());
    }

    @Test
    void subtractIgnoresThePseudocount() throws IOException {
        GeneMatrix m = run("--control-operation", "subtract", "--pseudocount", 5);
        assertBins(m, 2 - 0.4, 1 - 1.2);
        assertTrue(m.signed());
    }

    @Test
    void unscaledWithOtherPseudocount() throws IOException {
        GeneMatrix m = run("--scale-factors-method", "none", "--pseudocount", 0.5);
        assertBins(m, log2(2.5 / 1.5), log2(1.5 / 3.5));
    }

    @Test
    void marksWithoutControlKeepTheirCounts() throws IOException {
        Path out = dir.resolve("two.csv");
        ToolRun r = Fixtures.run("--genes", genes, "--mark", "K4=" + mark, "--mark", "raw=" + mark,
                "--control", "K4=" + control, "--window", 100, "--bin-size", 100, "--output", out, "--quiet");
        assertEquals(0, r.exitCode(), r.stderr());
        GeneMatrix m = MatrixReader.read(out);
        assertEquals(2, m.value(0, 1, 0));
        assertEquals(1, m.value(0, 1, 1));
        assertEquals(log2(3 / 1.4), m.value(0, 0, 0), 1e-6);
    }

    @Test
    void controlOfNoMarkOrMatchingNoContigIsBadInput() throws IOException {
        Path outDir = Files.createDirectories(dir.resolve("out"));
        Path out = outDir.resolve("m.csv");
        ToolRun r = Fixtures.run("--genes", genes, "--mark", "K4=" + mark, "--control", "K27=" + control,
                "--output", out, "--quiet");
        assertEquals(2, r.exitCode());
        assertEquals(List.of("deepchrome-bin-signals: --control K27=" + control + ": no --mark is named K27 (marks: K4)"),
                r.stderrLines());

        Path elsewhere = new Fixtures.Bam().contig("chrZ", 10_000).read("chrZ", 100).write(dir.resolve("z.bam"), true);
        r = Fixtures.run("--genes", genes, "--mark", "K4=" + mark, "--control", "K4=" + elsewhere,
                "--output", out, "--quiet");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.stderrLines().size(), r.stderr());
        assertTrue(r.stderr().contains(elsewhere + ": no contig name of this control matches a contig of the genes"),
                r.stderr());
        try (Stream<Path> left = Files.list(outDir)) {
            assertEquals(List.of(), left.toList(), "output left behind");
        }
    }
}
