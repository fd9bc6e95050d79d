package org.deepchrome.binsignals;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.testing.ToolRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bad input ends the same way: exit 2, one line on stderr naming the file (and line or
 * record) and the problem, and no output file — not even a temporary one.
 */
class BadInputTest {
    @TempDir
    Path dir;
    Path out;
    Path genes;
    Path bam;

    @BeforeEach
    void inputs() throws IOException {
        out = dir.resolve("out").resolve("matrix.csv");
        Files.createDirectories(out.getParent());
        genes = Fixtures.write(dir.resolve("genes.bed"), CountingTest.GENES);
        bam = CountingTest.story("chr1").write(dir.resolve("good.bam"), true);
    }

    /** Runs with the given arguments and checks the shared contract; returns the one error line. */
    private String fails(Object... args) throws IOException {
        ToolRun run = Fixtures.run(args);
        assertEquals(2, run.exitCode(), run.stderr());
        List<String> lines = run.stderrLines();
        assertEquals(1, lines.size(), "expected one line, got: " + run.stderr());
        assertTrue(lines.get(0).startsWith("deepchrome-bin-signals: "), lines.get(0));
        try (Stream<Path> left = Files.list(out.getParent())) {
            assertEquals(List.of(), left.toList(), "output left behind");
        }
        return lines.get(0);
    }

    private String failsWithMark(Path reads) throws IOException {
        return fails("--genes", genes, "--mark", "H3K4me3=" + reads, "--output", out, "--quiet");
    }

    @Test
    void missingReadFile() throws IOException {
        Path missing = dir.resolve("missing.bam");
        assertEquals("deepchrome-bin-signals: " + missing + ": read file does not exist", failsWithMark(missing));
    }

    @Test
    void unreadableBamThatIsNotABam() throws IOException {
        Path garbage = Fixtures.write(dir.resolve("garbage.bam"), "this is not a BAM file\n");
        assertEquals("deepchrome-bin-signals: " + garbage + ": named like a BAM file but its content is not BAM"
                + " (text or unknown bytes)", failsWithMark(garbage));
    }

    @Test
    void truncatedBam() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.testData().resolve("H3K4me3.bam"));
        Path cut = dir.resolve("cut.bam");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        Files.copy(Fixtures.testData().resolve("H3K4me3.bam.bai"), dir.resolve("cut.bam.bai"));
        assertEquals("deepchrome-bin-signals: " + cut + ": truncated BAM: the BGZF end-of-file block is missing",
                failsWithMark(cut));
    }

    @Test
    void corruptBlockInsideABam() throws IOException {
        byte[] bytes = Files.readAllBytes(Fixtures.testData().resolve("H3K4me3.bam"));
        for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
            bytes[i] ^= 0x5a;
        }
        Path corrupt = dir.resolve("corrupt.bam");
        Files.write(corrupt, bytes);
        Files.copy(Fixtures.testData().resolve("H3K4me3.bam.bai"), dir.resolve("corrupt.bam.bai"));
        Path testGenes = Fixtures.testData().resolve("genes.bed");
        String line = fails("--genes", testGenes, "--mark", "H3K4me3=" + corrupt, "--output", out, "--quiet");
        assertTrue(line.startsWith("deepchrome-bin-signals: " + corrupt + ": cannot decode "), line);
    }

    @Test
    void bamWithoutIndex() throws IOException {
        Path unindexed = CountingTest.story("chr1").write(dir.resolve("unindexed.bam"), false);
        assertEquals("deepchrome-bin-signals: " + unindexed + ": BAM file has no index (unindexed.bam.bai); "
                + "create it with: samtools index " + unindexed, failsWithMark(unindexed));
    }

    @Test
    void cramWithoutReference() throws IOException {
        Path cram = Fixtures.write(dir.resolve("x.cram"), "CRAM\3\0");
        assertEquals("deepchrome-bin-signals: " + cram + ": CRAM needs the reference it was compressed against: "
                + "give --reference REF.fa", failsWithMark(cram));
    }

    @Test
    void malformedGeneBedLine() throws IOException {
        Files.writeString(genes, CountingTest.GENES + "chr1\t100\tnot-a-number\tQ\t0\t+\n");
        assertEquals("deepchrome-bin-signals: " + genes + ":5: end 'not-a-number' is not an integer", failsWithMark(bam));
    }

    @Test
    void malformedReadBedLine() throws IOException {
        Path reads = Fixtures.write(dir.resolve("reads.bed"), "chr1\t10\t60\nchr1\t10\n");
        assertEquals("deepchrome-bin-signals: " + reads + ":2: expected at least chrom, start, end (tab-separated),"
                + " found 2 column(s)", failsWithMark(reads));
    }

    /** An empty strand column once crashed with a Java exception (exit 1). */
    @Test
    void readWithAnEmptyStrandColumn() throws IOException {
        Path reads = Fixtures.write(dir.resolve("reads.bed"), "chr1\t2010\t2060\tr1\t0\t+\nchr1\t2010\t2060\tr2\t0\t\n");
        assertEquals("deepchrome-bin-signals: " + reads + ":2: the strand column is empty; --count five-prime needs"
                + " + or -", fails("--genes", genes, "--mark", "H3K4me3=" + reads, "--output", out, "--count",
                "five-prime", "--quiet"));
        // Overlap counting does not need the strand: both reads count.
        ToolRun run = Fixtures.run("--genes", genes, "--mark", "H3K4me3=" + reads, "--output", out, "--quiet");
        assertEquals(0, run.exitCode(), run.stderr());
        GeneMatrix m = MatrixReader.read(out);
        float[] p = m.values(m.geneIds().indexOf("P"));
        double total = 0;
        for (float v : p) {
            total += v;
        }
        assertEquals(2.0, total, 0.0, "both reads counted for gene P");
    }

    @Test
    void unknownMarkSyntax() throws IOException {
        String line = fails("--genes", genes, "--mark", "H3K4me3", "--output", out);
        assertTrue(line.contains("'H3K4me3' is not NAME=FILE (e.g. H3K4me3=H3K4me3.bam)"), line);
        line = fails("--genes", genes, "--mark", "H3K4me3,x=" + bam, "--output", out);
        assertTrue(line.contains("mark name 'H3K4me3,x' may hold only"), line);
        line = fails("--genes", genes, "--mark", "A=" + bam, "--mark", "A=" + bam, "--output", out);
        assertEquals("deepchrome-bin-signals: --mark A is given twice; each mark names one column", line);
    }

    @Test
    void emptyGeneList() throws IOException {
        Files.writeString(genes, "");
        assertEquals("deepchrome-bin-signals: " + genes + ": no genes found (BED: no data lines)", failsWithMark(bam));
    }

    @Test
    void outputDirectoryNotWritable() throws IOException {
        // A path below a regular file cannot be written by anyone, root included.
        Path blocker = Fixtures.write(out.getParent().resolve("a-file"), "");
        Path target = blocker.resolve("matrix.csv");
        ToolRun run = Fixtures.run("--genes", genes, "--mark", "H3K4me3=" + bam, "--output", target, "--quiet");
        assertEquals(2, run.exitCode(), run.stderr());
        assertEquals(List.of("deepchrome-bin-signals: " + target + ": cannot write: " + blocker + " is not a directory"),
                run.stderrLines());
        try (Stream<Path> left = Files.list(out.getParent())) {
            assertEquals(List.of(blocker), left.toList());
        }
    }

    @Test
    void badOptionValues() throws IOException {
        assertTrue(fails("--genes", genes, "--mark", "A=" + bam, "--output", out, "--bin-size", 300)
                .contains("2 x window a multiple of the bin size"));
        assertTrue(fails("--genes", genes, "--mark", "A=" + bam, "--output", out, "--threshold", "quantile:2")
                .contains("the quantile must lie between 0 and 1"));
        assertTrue(fails("--genes", genes, "--mark", "A=" + bam, "--output", out, "--count", "middle")
                .contains("Invalid value for option '--count': expected one of overlap, five-prime, fragment-center but was 'middle'"));
        assertTrue(fails("--genes", genes, "--mark", "A=" + bam, "--output", out, "--split", "chrom:")
                .contains("expected chrom:TEST"));
    }

    @Test
    void malformedExpressionTable() throws IOException {
        Path table = Fixtures.write(dir.resolve("e.tsv"), "gene_id\texpression\nP\t1.5\nM\tlots\n");
        assertEquals("deepchrome-bin-signals: " + table + ":3: column expression: 'lots' is not a number",
                fails("--genes", genes, "--mark", "A=" + bam, "--expression", table, "--output", out));
    }
}
