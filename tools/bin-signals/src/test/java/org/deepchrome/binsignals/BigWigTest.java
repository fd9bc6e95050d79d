package org.deepchrome.binsignals;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.testing.ToolRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bigWig input: the bins equal deepTools' computeMatrix on the same track, and a hand-made track
 * (written by pyBigWig with all three section kinds) gives hand-computed means. deepTools and
 * pyBigWig are required (CI installs python3-deeptools): a missing one fails the test.
 *
 * <p>Tolerance against computeMatrix: 5e-7 + |value| × 2^-23 — it prints values with %f (six
 * decimals, so ±5e-7), and the matrix keeps each bin mean as a float32 (relative 2^-24, doubled
 * for safety). Both sides average the same float32 values stored in the bigWig.
 */
class BigWigTest {
    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void equalsComputeMatrixOnTestData() throws Exception {
        Path data = Fixtures.testData();
        List<String> marks = List.of("H3K4me3", "H3K27me3");
        List<Path> tracks = new ArrayList<>();
        for (String m : marks) {
            tracks.add(bamCoverage(data.resolve(m + ".bam"), m));
        }
        compare(data.resolve("genes.bed"), marks, tracks);
    }

    @Test
    void ensemblContigNamesMatchUcscTrack() throws Exception {
        Path data = Fixtures.testData();
        Path track = bamCoverage(data.resolve("H3K4me3.bam"), "H3K4me3");
        Path ucsc = run(data.resolve("genes.bed"), List.of("K4"), List.of(track), "ucsc.csv");
        Path ensemblGenes = dir.resolve("genes-ensembl.bed");
        Files.writeString(ensemblGenes, Files.readString(data.resolve("genes.bed")).replaceAll("(?m)^chr", ""));
        Path ensembl = run(ensemblGenes, List.of("K4"), List.of(track), "ensembl.csv");
        GeneMatrix a = MatrixReader.read(ucsc);
        GeneMatrix b = MatrixReader.read(ensembl);
        assertEquals(394, b.geneCount());
        double nonZero = 0;
        for (int g = 0; g < a.geneCount(); g++) {
            assertArrayEquals(a.values(g), b.values(g), a.geneId(g));
            for (float v : b.values(g)) {
                nonZero += v;
            }
        }
        assertTrue(nonZero > 0, "the track must reach the genes");
    }

    /**
     * Real K562 reads (chr1:22.5-25 Mb): H3K4me3 coverage, and H3K4me3 over its Input as
     * bamCompare's log2 track (negative values: the matrix is written signed). deepTools works
     * only on the covered region (--region): per-base tracks of all of chr1 take it minutes.
     */
    @Test
    void equalsComputeMatrixOnRealK562() throws Exception {
        Path shared = Fixtures.sharedData();
        Assumptions.assumeTrue(shared != null, "skipped: ../shared/data is absent (real K562 BAMs for the bigWig comparison)");
        Path k562 = shared.resolve("k562-chr1");
        String region = "chr1:22400000:25100000";
        Path coverage = dir.resolve("k4.bw");
        Fixtures.exec(dir, "/usr/bin/bamCoverage", "-b", k562.resolve("K562_H3K4me3.bam").toString(), "-o",
                coverage.toString(), "--binSize", "1", "--region", region, "-p", "1");
        Path log2 = dir.resolve("k4-over-input.bw");
        Fixtures.exec(dir, "/usr/bin/bamCompare", "-b1", k562.resolve("K562_H3K4me3.bam").toString(), "-b2",
                k562.resolve("K562_Input.bam").toString(), "-o", log2.toString(), "--binSize", "10",
                "--operation", "log2", "--region", region, "-p", "1");
        Path ours = compare(k562.resolve("genes.bed"), List.of("H3K4me3", "H3K4me3_vs_Input"), List.of(coverage, log2));
        GeneMatrix m = MatrixReader.read(ours);
        assertTrue(m.signed(), "a log2 track has negative bins: the matrix must say signed");
    }

    /**
     * Hand-made track (pyBigWig writes bedGraph, fixedStep and varStep sections); window 50,
     * bins of 10. Gene A (+, TSS 1000): bins [950,960) … [1040,1050). Gene B (−, TSS 999 on chr2):
     * same window, bin 1 at [1040,1050).
     */
    @Test
    void handComputedMeansOfAllSectionKinds() throws Exception {
        Path track = dir.resolve("hand.bw");
        pyBigWig(track, String.join("\n",
                "bw.addHeader([('chr1', 5000), ('chr2', 5000)])",
                // bedGraph: [940,955)=2 -> 5 bases in bin 1; [955,965)=4 -> 5 bases in bins 1 and 2
                "bw.addEntries(['chr1', 'chr1'], [940, 955], ends=[955, 965], values=[2.0, 4.0])",
                // fixedStep: [1000,1005)=1 (bin 6), [1010,1015)=2 (bin 7)
                "bw.addEntries('chr1', 1000, values=[1.0, 2.0], span=5, step=10)",
                // varStep: [1040,1060)=3, 10 bases in bin 10
                "bw.addEntries('chr1', [1040], values=[3.0], span=20)",
                // minus gene: [1040,1045)=6 lies in its most upstream bin (bin 1)
                "bw.addEntries(['chr2'], [1040], ends=[1045], values=[6.0])"));
        Path genes = Fixtures.write(dir.resolve("g.bed"), "chr1\t1000\t2000\tA\t0\t+\nchr2\t500\t1000\tB\t0\t-\n");
        Path out = dir.resolve("hand.csv");
        ToolRun r = Fixtures.run("--genes", genes, "--mark", "S=" + track, "--window", 50, "--bin-size", 10,
                "--output", out, "--quiet");
        assertEquals(0, r.exitCode(), r.stderr());
        GeneMatrix m = MatrixReader.read(out);
        assertArrayEquals(new float[] {3.0f, 2.0f, 0, 0, 0, 0.5f, 1.0f, 0, 0, 3.0f}, m.values(0));
        assertArrayEquals(new float[] {3.0f, 0, 0, 0, 0, 0, 0, 0, 0, 0}, m.values(1));
    }

    @Test
    void trackWithoutTheGenesContigsGivesZerosAndOneWarning() throws Exception {
        Path track = dir.resolve("other.bw");
        pyBigWig(track, "bw.addHeader([('chrX', 5000)])\nbw.addEntries(['chrX'], [0], ends=[100], values=[1.0])");
        Path genes = Fixtures.write(dir.resolve("g.bed"), "chr1\t1000\t2000\tA\t0\t+\n");
        Path out = dir.resolve("zeros.csv");
        ToolRun r = Fixtures.run("--genes", genes, "--mark", "S=" + track, "--window", 50, "--bin-size", 10,
                "--output", out, "--quiet");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(1, r.stderrLines().size(), r.stderr());
        assertTrue(r.stderr().contains(track + ": no contig name matches a contig of the genes; column S is all zeros"),
                r.stderr());
        assertArrayEquals(new float[10], MatrixReader.read(out).values(0));
    }

    @Test
    void truncatedOrCorruptTrackIsOneLineAndNoOutput() throws Exception {
        Path good = bamCoverage(Fixtures.testData().resolve("H3K4me3.bam"), "K4");
        byte[] bytes = Files.readAllBytes(good);
        Path genes = Fixtures.testData().resolve("genes.bed");

        Path truncated = dir.resolve("truncated.bw");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(failsWith(genes, truncated).contains("truncated"), "truncated");

        Path header = dir.resolve("header-only.bw");
        Files.write(header, Arrays.copyOf(bytes, 40));
        assertTrue(failsWith(genes, header).startsWith("deepchrome-bin-signals: " + header + ": "));

        // data blocks overwritten: the zlib streams no longer decompress
        Path corrupt = dir.resolve("corrupt.bw");
        byte[] broken = bytes.clone();
        long dataOffset = java.nio.ByteBuffer.wrap(bytes, 16, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        for (int i = (int) dataOffset + 4; i < (int) dataOffset + 4000 && i < broken.length; i++) {
            broken[i] = (byte) 0x5a;
        }
        Files.write(corrupt, broken);
        String line = failsWith(genes, corrupt);
        assertTrue(line.startsWith("deepchrome-bin-signals: " + corrupt + ": data block at byte "), line);
    }

    private String failsWith(Path genes, Path track) throws IOException {
        Path outDir = dir.resolve("fail-out");
        Files.createDirectories(outDir);
        ToolRun r = Fixtures.run("--genes", genes, "--mark", "S=" + track, "--output", outDir.resolve("m.csv"), "--quiet");
        assertEquals(2, r.exitCode(), r.stderr());
        assertEquals(1, r.stderrLines().size(), r.stderr());
        try (Stream<Path> left = Files.list(outDir)) {
            assertEquals(List.of(), left.toList(), "output left behind");
        }
        return r.stderrLines().get(0);
    }

    /** Runs bin-signals and computeMatrix on the same tracks and compares every bin. */
    private Path compare(Path genes, List<String> marks, List<Path> tracks) throws Exception {
        Path ours = run(genes, marks, tracks, "ours.csv");
        Map<String, double[]> reference = computeMatrix(genes, tracks, dir.resolve("ref.mat.gz"));
        GeneMatrix m = MatrixReader.read(ours);
        assertEquals(reference.size(), m.geneCount());
        double worst = 0; // largest difference over its allowed tolerance
        double signal = 0;
        for (int g = 0; g < m.geneCount(); g++) {
            double[] expected = reference.get(m.geneId(g));
            float[] got = m.values(g); // mark-major, as computeMatrix's sample blocks
            assertEquals(expected.length, got.length, m.geneId(g));
            for (int i = 0; i < got.length; i++) {
                double tolerance = 5e-7 + Math.abs(expected[i]) * Math.pow(2, -23);
                worst = Math.max(worst, Math.abs(got[i] - expected[i]) / tolerance);
                signal += Math.abs(expected[i]);
            }
        }
        assertTrue(signal > 0, "the comparison must see signal");
        assertTrue(worst <= 1, "a bin differs from computeMatrix by " + worst + " x its tolerance");
        return ours;
    }

    private Path run(Path genes, List<String> marks, List<Path> tracks, String name) {
        Path out = dir.resolve(name);
        List<Object> args = new ArrayList<>(List.of("--genes", genes, "--output", out, "--quiet"));
        for (int i = 0; i < marks.size(); i++) {
            args.add("--mark");
            args.add(marks.get(i) + "=" + tracks.get(i));
        }
        ToolRun r = Fixtures.run(args.toArray());
        assertEquals(0, r.exitCode(), r.stderr());
        return out;
    }

    /** A per-base coverage bigWig (deepTools bamCoverage --binSize 1). */
    Path bamCoverage(Path bam, String name) throws Exception {
        Path out = dir.resolve(name + ".bw");
        Fixtures.exec(dir, "/usr/bin/bamCoverage", "-b", bam.toString(), "-o", out.toString(), "--binSize", "1", "-p", "1");
        return out;
    }

    /** computeMatrix reference-point TSS ±5000, bins of 100, mean, missing = 0; rows by gene name. */
    static Map<String, double[]> computeMatrix(Path genes, List<Path> tracks, Path out) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/computeMatrix", "reference-point", "--referencePoint", "TSS",
                "-b", "5000", "-a", "5000", "--binSize", "100", "--averageTypeBins", "mean", "--missingDataAsZero",
                "--sortRegions", "keep", "-p", "1", "-R", genes.toString(), "-o", out.toString(), "-S"));
        tracks.forEach(t -> cmd.add(t.toString()));
        Fixtures.exec(out.getParent(), cmd.toArray(String[]::new));
        Map<String, double[]> rows = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(out)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("@")) {
                    continue;
                }
                String[] f = line.split("\t");
                double[] v = new double[f.length - 6];
                for (int i = 0; i < v.length; i++) {
                    v[i] = f[6 + i].equals("nan") ? 0 : Double.parseDouble(f[6 + i]);
                }
                rows.put(f[3], v);
            }
        }
        return rows;
    }

    /** Writes a bigWig with pyBigWig: {@code body} uses the open writer {@code bw}. */
    static void pyBigWig(Path out, String body) throws Exception {
        Path script = out.resolveSibling(out.getFileName() + ".py");
        Files.writeString(script, "import pyBigWig\nbw = pyBigWig.open(" + pyString(out) + ", 'w')\n" + body
                + "\nbw.close()\n");
        Fixtures.exec(out.getParent(), PYTHON, script.toString());
    }

    private static String pyString(Path p) {
        return "'" + p.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
