package org.deepchrome.binsignals;

import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import org.deepchrome.binsignals.testdata.SyntheticDataGenerator;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed test-data/ is what the generator and bin-signals make today, and carries the promised signal. */
class TestDataTest {
    private static final List<String> PAPER_ORDER = List.of("H3K27me3", "H3K36me3", "H3K4me1", "H3K4me3", "H3K9me3");

    @TempDir
    Path dir;

    /**
     * Text files must match byte for byte; BAMs record for record (their compressed bytes, and so
     * the .bai offsets, may differ with another zlib build).
     */
    @Test
    void generatorReproducesTheCommittedFiles() throws IOException {
        SyntheticDataGenerator.main(new String[] {"--out", dir.toString(), "--seed", "1"});
        for (String name : List.of("chrom.sizes", "genes.bed", "expression.tsv", "genes.gtf")) {
            assertEquals(Files.readString(Fixtures.testData().resolve(name)), Files.readString(dir.resolve(name)),
                    name + " differs from test-data/: rerun test-data/regenerate.sh and commit");
        }
        for (String mark : SyntheticDataGenerator.MARKS) {
            assertEquals(records(Fixtures.testData().resolve(mark + ".bam")), records(dir.resolve(mark + ".bam")),
                    mark + ".bam differs from test-data/: rerun test-data/regenerate.sh and commit");
            assertTrue(Files.size(dir.resolve(mark + ".bam.bai")) > 0);
        }
    }

    private static List<String> records(Path bam) throws IOException {
        List<String> lines = new ArrayList<>();
        try (SamReader reader = SamReaderFactory.makeDefault().open(bam)) {
            lines.add(reader.getFileHeader().getSAMString());
            for (SAMRecord r : reader) {
                lines.add(r.getSAMString());
            }
        }
        return lines;
    }

    /** As test-data/regenerate.sh makes them, with the marks given in another order and on one thread. */
    @Test
    void committedMatricesAreCurrentWhateverTheMarkOrderAndThreads() throws IOException {
        Path data = Fixtures.testData();
        List<Object> args = new ArrayList<>(List.of("--genes", data.resolve("genes.bed"),
                "--expression", data.resolve("expression.tsv"), "--split", "chrom:chr3:chr2",
                "--output", dir.resolve("matrix"), "--threads", 1, "--quiet"));
        for (String mark : SyntheticDataGenerator.MARKS) { // not the paper's column order
            args.add("--mark");
            args.add(mark + "=" + data.resolve(mark + ".bam"));
        }
        ToolRun run = Fixtures.run(args.toArray());
        assertEquals(0, run.exitCode(), run.stderr());
        for (String part : List.of("train.csv", "valid.csv", "test.csv")) {
            assertEquals(Files.readString(data.resolve("matrix").resolve(part)),
                    Files.readString(dir.resolve("matrix").resolve(part)),
                    "test-data/matrix/" + part + " is stale: rerun test-data/regenerate.sh and commit");
        }
        GeneMatrix train = MatrixReader.read(data.resolve("matrix/train.csv"));
        assertEquals(PAPER_ORDER, train.marks());
        assertFalse(Files.readString(data.resolve("matrix/train.csv")).startsWith("gene_id"), "paper marks need no header");
        assertEquals(186, train.geneCount());
        assertEquals(104, MatrixReader.read(data.resolve("matrix/valid.csv")).geneCount());
        assertEquals(104, MatrixReader.read(data.resolve("matrix/test.csv")).geneCount());
    }

    /** Active genes: H3K4me3 at the TSS and H3K36me3 downstream; silent genes: H3K27me3 or H3K9me3. */
    @Test
    void testDataCarriesAStrongButImperfectStrandAwareSignal() {
        GeneMatrix m = MatrixReader.read(Fixtures.testData().resolve("matrix/train.csv"));
        int k27 = m.marks().indexOf("H3K27me3");
        int k36 = m.marks().indexOf("H3K36me3");
        int k4me3 = m.marks().indexOf("H3K4me3");
        int k9 = m.marks().indexOf("H3K9me3");
        double[] score = new double[m.geneCount()];
        double upstreamK36 = 0;
        double downstreamK36 = 0;
        for (int g = 0; g < m.geneCount(); g++) {
            double promoter = 0;
            double body = 0;
            double repressive = 0;
            for (int b = 0; b < m.bins(); b++) {
                promoter += b >= 40 && b < 60 ? m.value(g, k4me3, b) : 0;
                body += m.value(g, k36, b);
                repressive += m.value(g, k27, b) + m.value(g, k9, b);
                if (m.label(g) == 1) {
                    upstreamK36 += b < 40 ? m.value(g, k36, b) : 0;
                    downstreamK36 += b >= 60 ? m.value(g, k36, b) : 0;
                }
            }
            score[g] = Math.log1p(promoter) + Math.log1p(body) - Math.log1p(repressive);
        }
        double auc = auc(score, m.labels());
        assertTrue(auc > 0.85 && auc < 0.99, "hand-made score AUC " + auc);
        assertTrue(downstreamK36 > 2 * upstreamK36, "H3K36me3 must lie downstream (bins 61-100) of active genes' TSS: "
                + downstreamK36 + " vs upstream " + upstreamK36);
    }

    /** Mann-Whitney ROC AUC (ties count one half). */
    static double auc(double[] score, int[] labels) {
        long pairs = 0;
        double wins = 0;
        for (int i = 0; i < score.length; i++) {
            for (int j = 0; j < score.length; j++) {
                if (labels[i] == 1 && labels[j] == 0) {
                    pairs++;
                    wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }
}
