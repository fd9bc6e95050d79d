package org.deepchrome.binsignals;

import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.testing.ToolRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A CRAM (made by samtools from the counting story's BAM) counts exactly like the BAM. */
class CramTest {
    @TempDir
    Path dir;

    @Test
    void cramWithReferenceCountsLikeTheBam() throws Exception {
        StringBuilder fasta = new StringBuilder(">chr1\n");
        Random random = new Random(3);
        for (int i = 1; i <= 10_000; i++) {
            fasta.append("ACGT".charAt(random.nextInt(4)));
            if (i % 60 == 0) {
                fasta.append('\n');
            }
        }
        Path reference = Fixtures.write(dir.resolve("ref.fa"), fasta.append('\n').toString());
        Fixtures.exec(dir, "samtools", "faidx", reference.toString());
        Path bam = CountingTest.story("chr1").write(dir.resolve("r.bam"), true);
        Path cram = dir.resolve("r.cram");
        Fixtures.exec(dir, "samtools", "view", "-C", "-T", reference.toString(), "-o", cram.toString(), bam.toString());
        Fixtures.exec(dir, "samtools", "index", cram.toString());
        Path genes = Fixtures.write(dir.resolve("genes.bed"), CountingTest.GENES);

        ToolRun fromBam = Fixtures.run("--genes", genes, "--mark", "A=" + bam, "--window", 500,
                "--output", dir.resolve("bam.csv"), "--quiet");
        ToolRun fromCram = Fixtures.run("--genes", genes, "--mark", "A=" + cram, "--reference", reference,
                "--window", 500, "--output", dir.resolve("cram.csv"), "--quiet");
        assertEquals(0, fromBam.exitCode(), fromBam.stderr());
        assertEquals(0, fromCram.exitCode(), fromCram.stderr());
        assertEquals(MatrixReader.read(dir.resolve("bam.csv")), MatrixReader.read(dir.resolve("cram.csv")));
        assertEquals(3f, MatrixReader.read(dir.resolve("cram.csv")).value(0, 0, 0));
    }
}
