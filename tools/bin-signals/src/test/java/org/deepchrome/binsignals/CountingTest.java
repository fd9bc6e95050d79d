package org.deepchrome.binsignals;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.testing.ToolRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-checkable counts on a tiny BAM: window ± 500 bp, 100 bp bins (10 per gene).
 * Gene P (+, TSS 2000) has bins [1500,1600) … [2400,2500); gene M (-, TSS 5999) has bin 1 at
 * [6400,6500) and bin 10 at [5500,5600); E (+, TSS 200) runs off the chromosome start and
 * Z (-, TSS 9899) off its end (length 10,000).
 */
class CountingTest {
    static final String GENES = "chr1\t2000\t3000\tP\t0\t+\n"
            + "chr1\t5000\t6000\tM\t0\t-\n"
            + "chr1\t200\t1000\tE\t0\t+\n"
            + "chr1\t9000\t9900\tZ\t0\t-\n";
    static final int DUPLICATE = 0x400;
    static final int QC_FAIL = 0x200;
    static final int UNMAPPED = 0x4;
    static final int REVERSE = 0x10;

    @TempDir
    Path dir;
    Path genes;

    @BeforeEach
    void genes() throws IOException {
        genes = Fixtures.write(dir.resolve("genes.bed"), GENES);
    }

    /** The reads of the class comment's story, on a contig named {@code contig}. */
    static Fixtures.Bam story(String contig) {
        return new Fixtures.Bam().contig(contig, 10_000)
                .read(contig, 1551)                        // P bin 1
                .read(contig, 1581)                        // P bins 1 and 2
                .read(contig, 1601)                        // P bin 2
                .read(contig, 1551, "50M", DUPLICATE, 60)  // filtered
                .read(contig, 1551, "50M", QC_FAIL, 60)    // filtered
                .read(contig, 1551, "*", UNMAPPED, 0)      // placed unmapped: filtered
                .read(contig, 1551, "50M", 0, 5)           // low MAPQ: counted unless --min-mapq > 5
                .read(contig, 2001, "10S40M", 0, 60)       // P bin 6: soft clip not counted
                .read(contig, 2301, "20M100D30M", 0, 60)   // P bins 9 and 10: the deletion spans
                .read(contig, 6451, "50M", REVERSE, 60)    // M bin 1
                .read(contig, 5501)                        // M bin 10
                .read(contig, 1)                           // E bin 4 = [0,100)
                .read(contig, 9951);                       // Z bin 5 = [9950,10000)
    }

    private GeneMatrix count(Path reads, Object... extra) {
        Path out = dir.resolve("out.csv");
        Object[] args = new Object[6 + extra.length];
        System.arraycopy(new Object[] {"--genes", genes, "--mark", "H3K4me3=" + reads, "--output", out}, 0, args, 0, 6);
        System.arraycopy(extra, 0, args, 6, extra.length);
        ToolRun run = Fixtures.run(args);
        assertEquals(0, run.exitCode(), run.stderr());
        return MatrixReader.read(out);
    }

    private static int[] bins(GeneMatrix m, String gene) {
        int g = m.geneIds().indexOf(gene);
        int[] v = new int[m.bins()];
        for (int b = 0; b < m.bins(); b++) {
            v[b] = (int) m.value(g, 0, b);
        }
        return v;
    }

    @Test
    void countsFollowStrandFiltersAndEdges() throws IOException {
        GeneMatrix m = count(story("chr1").write(dir.resolve("r.bam"), true), "--window", 500, "--quiet");
        assertEquals(List.of("P", "M", "E", "Z"), m.geneIds());
        assertEquals(List.of("H3K4me3"), m.marks());
        assertEquals(10, m.bins());
        assertEquals(List.of(3, 2, 0, 0, 0, 1, 0, 0, 1, 1), asList(bins(m, "P")));
        assertEquals(List.of(1, 0, 0, 0, 0, 0, 0, 0, 0, 1), asList(bins(m, "M")));
        assertEquals(List.of(0, 0, 0, 1, 0, 0, 0, 0, 0, 0), asList(bins(m, "E")));
        assertEquals(List.of(0, 0, 0, 0, 1, 0, 0, 0, 0, 0), asList(bins(m, "Z")));
    }

    @Test
    void minMapqSkipsLowQualityLikeMulticovQ() throws IOException {
        Path bam = story("chr1").write(dir.resolve("r.bam"), true);
        assertEquals(3, bins(count(bam, "--window", 500, "--min-mapq", 5), "P")[0]);
        assertEquals(2, bins(count(bam, "--window", 500, "--min-mapq", 6), "P")[0]);
    }

    @Test
    void ensemblNamesMatchUcscGenesAndAbsentContigsWarnOncePerContig() throws IOException {
        Files.writeString(genes, GENES + "chrX\t100\t200\tX1\t0\t+\nchrX\t5000\t6000\tX2\t0\t-\nchrY\t10\t20\tY1\t0\t+\n");
        Path ensembl = story("1").write(dir.resolve("ensembl.bam"), true);
        Path ucsc = story("chr1").write(dir.resolve("ucsc.bam"), true);
        ToolRun run = Fixtures.run("--genes", genes, "--mark", "A=" + ensembl, "--mark", "B=" + ucsc,
                "--window", 500, "--output", dir.resolve("o.csv"), "--quiet");
        assertEquals(0, run.exitCode(), run.stderr());
        GeneMatrix m = MatrixReader.read(dir.resolve("o.csv"));
        for (int g = 0; g < m.geneCount(); g++) {
            for (int b = 0; b < m.bins(); b++) {
                assertEquals(m.value(g, 1, b), m.value(g, 0, b), m.geneId(g) + " bin " + (b + 1));
            }
        }
        assertEquals(3f, m.value(0, 0, 0));
        List<String> warnings = run.stderrLines();
        assertEquals(2, warnings.size(), run.stderr());
        assertTrue(warnings.get(0).startsWith("deepchrome-bin-signals: warning: contig chrX (2 genes) has no reads in A ("),
                warnings.get(0));
        assertTrue(warnings.get(1).contains("contig chrY (1 gene)"), warnings.get(1));
        int x2 = m.geneIds().indexOf("X2");
        for (int b = 0; b < m.bins(); b++) {
            assertEquals(0f, m.value(x2, 0, b));
        }
    }

    @Test
    void bedAndTagAlignReadsPlainOrGzipCountLikeTheBam() throws IOException {
        GeneMatrix fromBam = count(story("chr1").write(dir.resolve("r.bam"), true), "--window", 500, "--quiet");
        // the same reads as the BAM's counted records (0-based, aligned span)
        String bed = "chr1\t1550\t1600\tr\t60\t+\nchr1\t1580\t1630\tr\t60\t+\nchr1\t1600\t1650\tr\t60\t+\n"
                + "chr1\t1550\t1600\tr\t5\t+\nchr1\t2000\t2040\tr\t60\t+\nchr1\t2300\t2450\tr\t60\t+\n"
                + "chr1\t6450\t6500\tr\t60\t-\nchr1\t5500\t5550\tr\t60\t+\n1\t0\t50\tr\t60\t+\nchr1\t9950\t10000\tr\t60\t+\n";
        Path plain = Fixtures.write(dir.resolve("reads.tagAlign"), bed);
        Path gz = dir.resolve("reads.bed.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(bed.getBytes());
        }
        assertEquals(fromBam, count(plain, "--window", 500, "--quiet"));
        assertEquals(fromBam, count(gz, "--window", 500, "--quiet"));
    }

    @Test
    void samIsStreamedWithoutIndex() throws IOException {
        GeneMatrix fromBam = count(story("chr1").write(dir.resolve("r.bam"), true), "--window", 500, "--quiet");
        assertEquals(fromBam, count(story("chr1").write(dir.resolve("r.sam"), false), "--window", 500, "--quiet"));
    }

    @Test
    void fivePrimeCountsTheFirstSequencedBase() throws IOException {
        Path bam = new Fixtures.Bam().contig("chr1", 10_000)
                .read("chr1", 1581)                          // 5' at 1580: P bin 1
                .read("chr1", 1581, "50M", REVERSE, 60)      // 5' at 1629: P bin 2
                .write(dir.resolve("r.bam"), true);
        assertEquals(List.of(1, 1, 0, 0, 0, 0, 0, 0, 0, 0),
                asList(bins(count(bam, "--window", 500, "--count", "five-prime"), "P")));
        assertEquals(List.of(2, 2, 0, 0, 0, 0, 0, 0, 0, 0), // overlap: both span bins 1 and 2
                asList(bins(count(bam, "--window", 500), "P")));
    }

    @Test
    void fragmentCentreUsesTheTemplateOnceForPairsAndTheFragmentLengthForSingleReads() throws IOException {
        int pairedProperFirst = 0x1 | 0x2 | 0x20 | 0x40;
        int pairedProperSecond = 0x1 | 0x2 | 0x10 | 0x80;
        Path bam = new Fixtures.Bam().contig("chr1", 10_000)
                .record("chr1", 1501, "50M", pairedProperFirst, 60, 300)    // fragment [1500,1800): centre 1650, P bin 2
                .record("chr1", 1751, "50M", pairedProperSecond, 60, -300)  // its mate: not counted again
                .read("chr1", 2001)                                          // single: 2000 + 100 = 2100, P bin 7
                .read("chr1", 2451, "50M", REVERSE, 60)                      // single reverse: 2499 - 100 = 2399, P bin 9
                .write(dir.resolve("r.bam"), true);
        assertEquals(List.of(0, 1, 0, 0, 0, 0, 1, 0, 1, 0), asList(bins(count(bam, "--window", 500,
                "--count", "fragment-center", "--fragment-length", 200), "P")));
    }

    @Test
    void cpmDividesByTheReadsThatPassedTheFiltersInTheWholeFile() throws IOException {
        Fixtures.Bam reads = story("chr1").contig("chr9", 100_000);
        for (int i = 0; i < 7; i++) {
            reads.read("chr9", 1_000 + i); // no genes on chr9, yet part of the library
        }
        GeneMatrix m = count(reads.write(dir.resolve("r.bam"), true), "--window", 500, "--normalize", "cpm");
        double library = 13 - 3 + 7; // 13 story records, 3 filtered, 7 on chr9
        assertEquals((float) (3 * 1e6 / library), m.value(0, 0, 0), 1e-3);
        assertEquals((float) (1e6 / library), m.value(1, 0, 0), 1e-3);
    }

    @Test
    void readsAcrossTheBoundaryOfTwoParallelPiecesCountOnce() throws IOException {
        // A 3 Mb contig is read in 1 Mb pieces; the read [999980,1000030) starts in the first and ends in the second.
        Files.writeString(genes, "chr1\t1000000\t1001000\tB\t0\t+\n");
        Path bam = new Fixtures.Bam().contig("chr1", 3_000_000)
                .read("chr1", 999_981).read("chr1", 1_000_001).read("chr1", 999_951)
                .write(dir.resolve("r.bam"), true);
        for (int threads : new int[] {1, 3}) {
            assertEquals(List.of(0, 0, 0, 0, 2, 2, 0, 0, 0, 0),
                    asList(bins(count(bam, "--window", 500, "--threads", threads, "--quiet"), "B")), threads + " threads");
        }
    }

    private static List<Integer> asList(int[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }
}
