package org.deepchrome.binsignals;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.testing.ToolRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --blacklist on reads straddling a region's edges and on bigWig bases; --gene-types and
 * --tss transcript on the generator's GENCODE-like test-data/genes.gtf (gene i has type
 * protein_coding for i % 5 < 3, lncRNA for 3, processed_pseudogene for 4; a second TSS for
 * i % 3 == 0; a third transcript sharing the first TSS for i % 4 == 0).
 */
class BlacklistAndGeneTypesTest {
    @TempDir
    Path dir;

    /** Gene P (+, TSS 2000), window 100: bin 1 = [1900,2000), bin 2 = [2000,2100); blacklist [2030,2060). */
    @Test
    void readsTouchingARegionAreNotCountedEvenAcrossEdges() throws IOException {
        Path genes = Fixtures.write(dir.resolve("g.bed"), "chr1\t2000\t3000\tP\t0\t+\n");
        Path bam = new Fixtures.Bam().contig("chr1", 10_000)
                .read("chr1", 1881)   // [1880,1930): bin 1, clear of the region
                .read("chr1", 1981)   // [1980,2030): ends at the region's start: counted, bins 1 and 2
                .read("chr1", 1991)   // [1990,2040): straddles the region's start: dropped
                .read("chr1", 2051)   // [2050,2100): straddles the region's end: dropped
                .read("chr1", 2061)   // [2060,2110): starts at the region's end: counted, bin 2
                .write(dir.resolve("r.bam"), true);
        Path list = Fixtures.write(dir.resolve("black.bed"), "chr1\t2030\t2060\tregion\n1\t5000\t5100\n");
        assertArrayEquals(new float[] {3, 4}, run(genes, bam, null));
        assertArrayEquals(new float[] {2, 2}, run(genes, bam, list));
    }

    @Test
    void bigWigBasesInsideARegionAreMissing() throws Exception {
        Path genes = Fixtures.write(dir.resolve("g.bed"), "chr1\t2000\t3000\tP\t0\t+\n");
        Path track = dir.resolve("t.bw");
        BigWigTest.pyBigWig(track, "bw.addHeader([('chr1', 10000)])\n"
                + "bw.addEntries(['chr1'], [1900], ends=[2100], values=[1.0])");
        // 1 (Ensembl name) matches chr1; [2030,2060) leaves 70 of bin 2's 100 bases
        Path list = Fixtures.write(dir.resolve("black.bed"), "1\t2030\t2060\n");
        assertArrayEquals(new float[] {1, 1}, run(genes, track, null));
        assertArrayEquals(new float[] {1, 0.7f}, run(genes, track, list));
    }

    @Test
    void blacklistThatIsNotBedIsOneLineAndNoOutput() throws IOException {
        Path genes = Fixtures.write(dir.resolve("g.bed"), "chr1\t2000\t3000\tP\t0\t+\n");
        Path bam = new Fixtures.Bam().contig("chr1", 10_000).read("chr1", 1881).write(dir.resolve("r.bam"), true);
        Path text = Fixtures.write(dir.resolve("notes.txt"), "blacklisted regions, see the lab wiki\n");
        assertEquals("deepchrome-bin-signals: " + text + ":1: blacklist: expected BED (chrom, start, end, tab-separated),"
                + " found 1 column(s)", fails(genes, bam, text));
        Path words = Fixtures.write(dir.resolve("words.bed"), "chr1\t100\t200\nchr1\tstart\tend\n");
        assertEquals("deepchrome-bin-signals: " + words + ":2: blacklist: start 'start' is not an integer (is this a BED file?)",
                fails(genes, bam, words));
    }

    @Test
    void geneTypesFilterGencodeGtf() {
        Path gtf = Fixtures.testData().resolve("genes.gtf");
        assertEquals(394, GeneReader.read(gtf).size());
        assertEquals(237, GeneReader.read(gtf, Set.of("protein_coding"), false).size());
        List<Gene> kept = GeneReader.read(gtf, Set.of("protein_coding", "lncRNA"), false);
        assertEquals(316, kept.size());
        assertEquals("GENE0004", kept.get(3).id()); // i = 3 is the first lncRNA
        assertEquals("GENE0006", kept.get(4).id()); // i = 4 (pseudogene) is left out
    }

    @Test
    void transcriptTssGivesOneRowPerDistinctTss() {
        Path gtf = Fixtures.testData().resolve("genes.gtf");
        List<Gene> rows = GeneReader.read(gtf, null, true);
        assertEquals(394 + 132, rows.size()); // 132 genes (i % 3 == 0) have a second TSS; the .3 ones share .1's
        Gene first = rows.get(0);
        Gene second = rows.get(1);
        assertEquals("GENE0001:GENE0001.1", first.id());
        assertEquals("GENE0001:GENE0001.2", second.id());
        assertEquals(first.tss() + 300, second.tss()); // + strand: 300 bp downstream
        assertEquals(27, GeneReader.read(gtf, Set.of("lncRNA"), true).size() - 79); // 79 lncRNA genes, 27 with i % 15 == 3
        for (Gene g : rows) {
            if (g.minus()) {
                Gene bed = GeneReader.read(Fixtures.testData().resolve("genes.bed")).stream()
                        .filter(b -> g.id().startsWith(b.id() + ":")).findFirst().orElseThrow();
                assertTrue(g.id().endsWith(".1") ? g.tss() == bed.tss() : g.tss() == bed.tss() - 300, g.id());
                break;
            }
        }
    }

    @Test
    void transcriptRowsTakeTheirGenesExpression() throws IOException {
        Path out = dir.resolve("t.csv");
        Path data = Fixtures.testData();
        ToolRun r = Fixtures.run("--genes", data.resolve("genes.gtf"), "--gene-types", "lncRNA", "--tss", "transcript",
                "--mark", "K4=" + data.resolve("H3K4me3.bam"), "--expression", data.resolve("expression.tsv"),
                "--output", out, "--quiet");
        assertEquals(0, r.exitCode(), r.stderr());
        GeneMatrix m = MatrixReader.read(out);
        assertEquals(79 + 27, m.geneCount());
        assertTrue(m.geneIds().contains("GENE0004:GENE0004.2"), m.geneIds().toString());
        assertEquals(m.label(m.geneIds().indexOf("GENE0004:GENE0004.1")), m.label(m.geneIds().indexOf("GENE0004:GENE0004.2")));

        ToolRun bed = Fixtures.run("--genes", data.resolve("genes.bed"), "--gene-types", "lncRNA",
                "--mark", "K4=" + data.resolve("H3K4me3.bam"), "--output", dir.resolve("b.csv"), "--quiet");
        assertEquals(2, bed.exitCode());
        assertEquals(List.of("deepchrome-bin-signals: " + data.resolve("genes.bed") + ": --gene-types and --tss transcript "
                + "need a GTF or GFF3 gene file (BED has no gene types or transcripts)"), bed.stderrLines());
    }

    private float[] run(Path genes, Path reads, Path blacklist) throws IOException {
        Path out = dir.resolve("m.csv");
        ToolRun r = blacklist == null
                ? Fixtures.run("--genes", genes, "--mark", "S=" + reads, "--window", 100, "--bin-size", 100, "--output", out, "--quiet")
                : Fixtures.run("--genes", genes, "--mark", "S=" + reads, "--window", 100, "--bin-size", 100,
                        "--blacklist", blacklist, "--output", out, "--quiet");
        assertEquals(0, r.exitCode(), r.stderr());
        return MatrixReader.read(out).values(0);
    }

    private String fails(Path genes, Path reads, Path blacklist) throws IOException {
        Path outDir = Files.createDirectories(dir.resolve("fail"));
        ToolRun r = Fixtures.run("--genes", genes, "--mark", "S=" + reads, "--blacklist", blacklist,
                "--output", outDir.resolve("m.csv"), "--quiet");
        assertEquals(2, r.exitCode(), r.stderr());
        assertEquals(1, r.stderrLines().size(), r.stderr());
        try (Stream<Path> left = Files.list(outDir)) {
            assertEquals(List.of(), left.toList());
        }
        return r.stderrLines().get(0);
    }
}
