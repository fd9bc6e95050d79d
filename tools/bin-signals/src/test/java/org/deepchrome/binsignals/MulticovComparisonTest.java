package org.deepchrome.binsignals;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.testing.ToolRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin-signals agrees with {@code bedtools multicov} count for count, on the bins it writes with
 * --bins-bed. multicov counts unmapped reads placed at a position, so its BAMs are first
 * filtered with {@code samtools view -b -F 4}. bedtools and samtools are required (CI installs
 * them): a missing one fails the test. Bins absent from the BED (wholly off a chromosome)
 * must be zero in the matrix.
 */
class MulticovComparisonTest {
    @TempDir
    Path dir;

    @Test
    void equalsMulticovOnTestDataAllMarks() throws Exception {
        Path data = Fixtures.testData();
        List<String> marks = List.of("H3K27me3", "H3K36me3", "H3K4me1", "H3K4me3", "H3K9me3");
        List<Path> bams = new ArrayList<>();
        for (String m : marks) {
            bams.add(data.resolve(m + ".bam"));
        }
        compare(data.resolve("genes.bed"), marks, bams, 0, 394 * 100);
    }

    @Test
    void equalsMulticovWithMinimumMappingQuality() throws Exception {
        Path data = Fixtures.testData();
        compare(data.resolve("genes.bed"), List.of("H3K4me3"), List.of(data.resolve("H3K4me3.bam")), 10, 394 * 100);
    }

    @Test
    void equalsMulticovOnRealK562Alignments() throws Exception {
        Path shared = Fixtures.sharedData();
        Assumptions.assumeTrue(shared != null, "skipped: ../shared/data is absent (real K562 BAMs for the multicov comparison)");
        Path k562 = shared.resolve("k562-chr1");
        compare(k562.resolve("genes.bed"), List.of("H3K4me3", "H3K36me3"),
                List.of(k562.resolve("K562_H3K4me3.bam"), k562.resolve("K562_H3K36me3.bam")), 0, 28 * 100);
    }

    private void compare(Path genes, List<String> marks, List<Path> bams, int minMapq, int expectedRows) throws Exception {
        Path out = dir.resolve("m.csv");
        Path bins = dir.resolve("bins.bed");
        List<Object> args = new ArrayList<>(List.of("--genes", genes, "--output", out, "--bins-bed", bins,
                "--min-mapq", minMapq, "--quiet"));
        for (int m = 0; m < marks.size(); m++) {
            args.add("--mark");
            args.add(marks.get(m) + "=" + bams.get(m));
        }
        ToolRun run = Fixtures.run(args.toArray());
        assertEquals(0, run.exitCode(), run.stderr());

        List<String> command = new ArrayList<>(List.of("bedtools", "multicov", "-q", String.valueOf(minMapq), "-bams"));
        for (int m = 0; m < marks.size(); m++) {
            Path filtered = dir.resolve("mapped" + m + ".bam");
            Fixtures.exec(dir, "samtools", "view", "-b", "-F", "4", "-o", filtered.toString(), bams.get(m).toString());
            Fixtures.exec(dir, "samtools", "index", filtered.toString());
            command.add(filtered.toString());
        }
        command.add("-bed");
        command.add(bins.toString());
        Map<String, String[]> multicov = new HashMap<>();
        for (String line : Fixtures.exec(dir, command.toArray(String[]::new)).split("\n")) {
            String[] f = line.split("\t");
            multicov.put(f[3], java.util.Arrays.copyOfRange(f, 6, f.length));
        }

        GeneMatrix matrix = MatrixReader.read(out);
        assertEquals(expectedRows, matrix.geneCount() * matrix.bins());
        assertEquals(expectedRows, multicov.size() + offChromosomeBins(matrix, multicov));
        long total = 0;
        int differences = 0;
        StringBuilder first = new StringBuilder();
        for (int g = 0; g < matrix.geneCount(); g++) {
            for (int b = 0; b < matrix.bins(); b++) {
                String key = matrix.geneId(g) + ":" + (b + 1);
                String[] expected = multicov.get(key);
                for (int m = 0; m < marks.size(); m++) {
                    long ours = (long) matrix.value(g, matrix.marks().indexOf(marks.get(m)), b);
                    long theirs = expected == null ? 0 : Long.parseLong(expected[m]);
                    total += ours;
                    if (ours != theirs && differences++ < 5) {
                        first.append(key).append(' ').append(marks.get(m)).append(": ours ").append(ours)
                                .append(", multicov ").append(theirs).append("; ");
                    }
                }
            }
        }
        assertEquals(0, differences, first.toString());
        assertTrue(total > 1_000, "too few reads counted to mean anything: " + total);
        Files.deleteIfExists(out);
    }

    /** Bins the BED leaves out lie wholly off a chromosome end; they must be zero. */
    private static int offChromosomeBins(GeneMatrix matrix, Map<String, String[]> multicov) {
        int missing = 0;
        for (int g = 0; g < matrix.geneCount(); g++) {
            for (int b = 0; b < matrix.bins(); b++) {
                if (!multicov.containsKey(matrix.geneId(g) + ":" + (b + 1))) {
                    missing++;
                    for (int m = 0; m < matrix.markCount(); m++) {
                        assertEquals(0f, matrix.value(g, m, b));
                    }
                }
            }
        }
        return missing;
    }
}
