package org.deepchrome.binsignals;

import org.deepchrome.core.testing.ToolRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The lean BAM reader ({@link BamPieceReader}) and htsjdk's SAMRecord path give the same
 * matrix, in every counting mode, with a MAPQ floor, and on real paired-end reads.
 */
class DecoderAgreementTest {
    @TempDir
    Path dir;

    private String matrix(Path genes, List<String> marks, String name, String... extra) throws IOException {
        List<Object> args = new ArrayList<>(List.of("--genes", genes, "--output", dir.resolve(name), "--quiet"));
        marks.forEach(m -> {
            args.add("--mark");
            args.add(m);
        });
        args.addAll(List.of(extra));
        ToolRun run = Fixtures.run(args.toArray());
        assertEquals(0, run.exitCode(), run.stderr());
        return Files.readString(dir.resolve(name));
    }

    private void agree(Path genes, List<String> marks, String... extra) throws IOException {
        List<String> htsjdk = new ArrayList<>(List.of(extra));
        htsjdk.add("--htsjdk-records");
        assertEquals(matrix(genes, marks, "htsjdk.csv", htsjdk.toArray(String[]::new)),
                matrix(genes, marks, "lean.csv", extra), String.join(" ", extra));
    }

    @Test
    void testDataAgreesInEveryMode() throws IOException {
        Path data = Fixtures.testData();
        List<String> marks = List.of("H3K4me3=" + data.resolve("H3K4me3.bam"), "H3K36me3=" + data.resolve("H3K36me3.bam"));
        agree(data.resolve("genes.bed"), marks, "--threads", "2");
        agree(data.resolve("genes.bed"), marks, "--count", "five-prime", "--min-mapq", "5");
        agree(data.resolve("genes.bed"), marks, "--count", "fragment-center", "--normalize", "cpm");
    }

    @Test
    void storyBamAgrees() throws IOException {
        Path genes = Fixtures.write(dir.resolve("genes.bed"), CountingTest.GENES);
        Path bam = CountingTest.story("chr1").write(dir.resolve("r.bam"), true);
        agree(genes, List.of("A=" + bam), "--window", "500");
    }

    @Test
    void realPairedEndK562AgreesInEveryMode() throws IOException {
        Path shared = Fixtures.sharedData();
        Assumptions.assumeTrue(shared != null, "skipped: ../shared/data is absent (real paired-end K562 BAMs)");
        Path k562 = shared.resolve("k562-chr1");
        List<String> marks = List.of("H3K4me3=" + k562.resolve("K562_H3K4me3.bam"),
                "Input=" + k562.resolve("K562_Input.bam"));
        agree(k562.resolve("genes.bed"), marks);
        agree(k562.resolve("genes.bed"), marks, "--count", "fragment-center", "--min-mapq", "20");
        agree(k562.resolve("genes.bed"), marks, "--count", "five-prime", "--normalize", "cpm");
    }
}
