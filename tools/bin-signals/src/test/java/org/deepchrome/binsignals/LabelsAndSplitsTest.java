package org.deepchrome.binsignals;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.testing.ToolRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelsAndSplitsTest {
    @TempDir
    Path dir;

    /** Genes G1..Gn, one every 20 kb, over chr1..chr3 in turn; reads: an empty BED file. */
    private Path genes(int n) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append("chr").append(1 + (i - 1) % 3).append('\t').append(20_000 * i).append('\t')
                    .append(20_000 * i + 1_000).append("\tG").append(i).append("\t0\t").append(i % 2 == 0 ? '-' : '+')
                    .append('\n');
        }
        return Fixtures.write(dir.resolve("genes.bed"), sb.toString());
    }

    private Path noReads() throws IOException {
        return Fixtures.write(dir.resolve("none.bed"), "");
    }

    private ToolRun labelled(String table, Object... extra) throws IOException {
        Path expression = Fixtures.write(dir.resolve("expr.tsv"), table);
        List<Object> args = new ArrayList<>(List.of("--genes", genes(5), "--mark", "H3K4me3=" + noReads(),
                "--expression", expression, "--output", dir.resolve("out.csv")));
        args.addAll(List.of(extra));
        return Fixtures.run(args.toArray());
    }

    private int[] labels() {
        return MatrixReader.read(dir.resolve("out.csv")).labels();
    }

    @Test
    void medianQuantileAndNumberThresholdsLabelStrictlyAbove() throws IOException {
        String table = "gene_id\texpression\nG1\t1\nG2\t2\nG3\t3\nG4\t4\nG5\t5\n";
        ToolRun run = labelled(table);
        assertEquals(0, run.exitCode(), run.stderr());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1}, labels()); // median 3: 3 is not above it
        assertTrue(run.stderr().contains("threshold median = 3.00000: 2 genes high (1), 3 low (0)"), run.stderr());
        assertEquals(0, labelled(table, "--threshold", "quantile:0.75").exitCode());
        assertArrayEquals(new int[] {0, 0, 0, 0, 1}, labels()); // Commons Math's 75th percentile of 1..5 is 4.5
        assertEquals(0, labelled(table, "--threshold", "1.5").exitCode());
        assertArrayEquals(new int[] {0, 1, 1, 1, 1}, labels());
    }

    @Test
    void genesWithoutExpressionAreDroppedWithACountAndCsvWithNamedColumnWorks() throws IOException {
        String table = "id,symbol,tpm,rpkm\nG5,e,50,5\nG1,a,10,1\nG2,b,NA,2\nG3,c,30,\nother,z,1,1\n";
        ToolRun run = labelled(table, "--expression-column", "rpkm", "--quiet");
        assertEquals(0, run.exitCode(), run.stderr());
        GeneMatrix m = MatrixReader.read(dir.resolve("out.csv"));
        assertEquals(List.of("G1", "G2", "G5"), m.geneIds()); // the order of GENES, not of the table
        assertArrayEquals(new int[] {0, 0, 1}, m.labels());
        assertEquals(List.of("deepchrome-bin-signals: warning: 2 of 5 genes have no expression value in "
                + dir.resolve("expr.tsv") + " and are left out"),
                run.stderrLines().stream().filter(l -> !l.contains("has no reads in") && !l.endsWith("is all zeros"))
                        .toList()); // the empty read file's own warning is not what this test is about
        // without --expression-column: the first numeric column after the id (tpm; G2 has NA there)
        assertEquals(0, labelled(table, "--quiet").exitCode());
        assertEquals(List.of("G1", "G3", "G5"), MatrixReader.read(dir.resolve("out.csv")).geneIds());
    }

    /**
     * --write-expression: the value of each gene on every one of its bin rows, in a column
     * 'expression' before the label (so the matrix has a header); genes without a value are left
     * out as for the labels. train --task regression learns that column without --expression.
     */
    @Test
    void writeExpressionPutsEachGenesValueOnEveryBinRowBeforeTheLabel() throws IOException {
        String table = "gene_id\texpression\nG1\t1.5\nG2\t2\nG3\tNA\nG4\t4\nG5\t0.25\n";
        ToolRun run = labelled(table, "--write-expression", "--window", 150, "--quiet");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> lines = Files.readAllLines(dir.resolve("out.csv"));
        assertEquals(List.of("gene_id,bin,H3K4me3,expression,label", "G1,1,0,1.5,0", "G1,2,0,1.5,0", "G1,3,0,1.5,0",
                "G2,1,0,2,1", "G2,2,0,2,1", "G2,3,0,2,1", "G4,1,0,4,1", "G4,2,0,4,1", "G4,3,0,4,1",
                "G5,1,0,0.25,0", "G5,2,0,0.25,0", "G5,3,0,0.25,0"), lines); // median 1.75
        GeneMatrix m = MatrixReader.read(dir.resolve("out.csv"));
        assertArrayEquals(new float[] {1.5f, 2f, 4f, 0.25f}, m.targets());
        assertArrayEquals(new int[] {0, 1, 1, 0}, m.labels());
    }

    @Test
    void writeExpressionWithThePapersMarksAddsTheHeaderItNeeds() throws IOException {
        Path expression = Fixtures.write(dir.resolve("expr.tsv"), "gene_id\tv\nG1\t3\nG2\t1\n");
        List<Object> args = new ArrayList<>(List.of("--genes", genes(2), "--expression", expression,
                "--write-expression", "--window", 50, "--output", dir.resolve("paper.csv.gz"), "--quiet"));
        for (String mark : GeneMatrix.PAPER_MARKS) {
            args.addAll(List.of("--mark", mark + "=" + noReads()));
        }
        ToolRun run = Fixtures.run(args.toArray());
        assertEquals(0, run.exitCode(), run.stderr());
        GeneMatrix m = MatrixReader.read(dir.resolve("paper.csv.gz"));
        assertEquals(GeneMatrix.PAPER_MARKS, m.marks());
        assertArrayEquals(new float[] {3f, 1f}, m.targets());
        assertArrayEquals(new int[] {1, 0}, m.labels());
    }

    @Test
    void writeExpressionNeedsATableAndTheCsvFormat() throws IOException {
        ToolRun without = Fixtures.run("--genes", genes(2), "--mark", "H3K4me3=" + noReads(), "--write-expression",
                "--output", dir.resolve("o.csv"));
        assertEquals(2, without.exitCode(), without.stderr());
        assertEquals(List.of("deepchrome-bin-signals: --write-expression writes the values of --expression TABLE; "
                + "give that table"), without.stderrLines());
        Path table = Fixtures.write(dir.resolve("expr.tsv"), "gene_id\texpression\nG1\t1\n");
        ToolRun deeptools = Fixtures.run("--genes", genes(2), "--mark", "H3K4me3=" + noReads(), "--expression", table,
                "--write-expression", "--output-format", "deeptools", "--output", dir.resolve("o.mat.gz"));
        assertEquals(2, deeptools.exitCode(), deeptools.stderr());
        assertEquals(List.of("deepchrome-bin-signals: --write-expression adds a column to the DeepChrome CSV; a "
                + "computeMatrix file (--output-format deeptools) has no place for it"), deeptools.stderrLines());
        assertFalse(Files.exists(dir.resolve("o.csv")));
        assertFalse(Files.exists(dir.resolve("o.mat.gz")));
    }

    @Test
    void noLabelColumnWithoutExpressionAndAHeaderForNonPaperMarks() throws IOException {
        ToolRun run = Fixtures.run("--genes", genes(2), "--mark", "H3K4me3=" + noReads(), "--mark",
                "Input=" + noReads(), "--window", 100, "--output", dir.resolve("o.csv"), "--quiet");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> lines = Files.readAllLines(dir.resolve("o.csv"));
        assertEquals("gene_id,bin,H3K4me3,Input", lines.get(0));
        assertEquals("G1,1,0,0", lines.get(1));
        assertEquals(1 + 2 * 2, lines.size());
        assertFalse(MatrixReader.read(dir.resolve("o.csv")).hasLabels());
    }

    @Test
    void paperSplitIsFileOrder6601And6601AndTheRest() throws IOException {
        int n = 13_250;
        Path expression = dir.resolve("e.tsv");
        StringBuilder table = new StringBuilder("gene\tvalue\n");
        IntStream.rangeClosed(1, n).forEach(i -> table.append('G').append(i).append('\t').append(i % 7).append('\n'));
        Files.writeString(expression, table);
        Path out = dir.resolve("split");
        ToolRun run = Fixtures.run("--genes", genes(n), "--mark", "H3K4me3=" + noReads(), "--window", 50,
                "--bin-size", 100, "--expression", expression, "--split", "paper", "--compress", "--output", out, "--quiet");
        assertEquals(0, run.exitCode(), run.stderr());
        GeneMatrix train = MatrixReader.read(out.resolve("train.csv.gz"));
        GeneMatrix valid = MatrixReader.read(out.resolve("valid.csv.gz"));
        GeneMatrix test = MatrixReader.read(out.resolve("test.csv.gz"));
        assertEquals(6_601, train.geneCount());
        assertEquals(6_601, valid.geneCount());
        assertEquals(48, test.geneCount());
        assertEquals("G1", train.geneId(0));
        assertEquals("G6602", valid.geneId(0));
        assertEquals("G13203", test.geneId(0));
        assertEquals(1, train.bins());
    }

    @Test
    void chromSplitHoldsOutTestAndValidationChromosomesMatchingEitherSpelling() throws IOException {
        Path out = dir.resolve("split");
        ToolRun run = Fixtures.run("--genes", genes(30), "--mark", "H3K4me3=" + noReads(),
                "--split", "chrom:3:chr2", "--output", out, "--quiet");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("G3", "G6", "G9"), MatrixReader.read(out.resolve("test.csv")).geneIds().subList(0, 3));
        assertEquals(10, MatrixReader.read(out.resolve("valid.csv")).geneCount());
        assertEquals("G2", MatrixReader.read(out.resolve("valid.csv")).geneId(0));
        assertEquals(10, MatrixReader.read(out.resolve("train.csv")).geneCount());
        // without validation chromosomes every fifth remaining gene validates
        Path out2 = dir.resolve("split2");
        assertEquals(0, Fixtures.run("--genes", genes(30), "--mark", "H3K4me3=" + noReads(),
                "--split", "chrom:chr3", "--output", out2, "--quiet").exitCode());
        assertEquals(List.of("G7", "G14", "G22", "G29"), MatrixReader.read(out2.resolve("valid.csv")).geneIds());
        assertEquals(16, MatrixReader.read(out2.resolve("train.csv")).geneCount());
    }

    @Test
    void splitsThatLeaveAPartEmptyAreRejectedBeforeWriting() throws IOException {
        Path out = dir.resolve("split");
        ToolRun run = Fixtures.run("--genes", genes(30), "--mark", "H3K4me3=" + noReads(),
                "--split", "paper", "--output", out);
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("--split paper needs more than 13202 genes"), run.stderr());
        assertFalse(Files.exists(out));
        run = Fixtures.run("--genes", genes(30), "--mark", "H3K4me3=" + noReads(), "--split", "chrom:chr7",
                "--output", out, "--quiet");
        assertEquals(2, run.exitCode());
        assertEquals(List.of("deepchrome-bin-signals: --split chrom:chr7: the test set would hold no genes"), run.stderrLines());
        assertFalse(Files.exists(out));
    }
}
