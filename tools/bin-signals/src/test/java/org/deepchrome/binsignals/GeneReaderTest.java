package org.deepchrome.binsignals;

import org.deepchrome.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneReaderTest {
    @TempDir
    Path dir;

    @Test
    void bedTssIsStartOnPlusAndEndMinusOneOnMinusInFileOrder() throws IOException {
        Path bed = Fixtures.write(dir.resolve("g.bed"), "track name=genes\n# comment\n"
                + "chr2\t100\t900\tB\t0\t+\n"
                + "chr1\t1000\t5000\tA\t0\t-\n");
        assertEquals(List.of(new Gene("B", "chr2", 100, '+', 3), new Gene("A", "chr1", 4_999, '-', 4)),
                GeneReader.read(bed));
    }

    @Test
    void gzipBedReadsTheSame() throws IOException {
        Path gz = dir.resolve("g.bed.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("chr1\t10\t20\tA\t0\t+\n".getBytes());
        }
        assertEquals(List.of(new Gene("A", "chr1", 10, '+', 1)), GeneReader.read(gz));
    }

    @Test
    void gtfAndGff3TakeGeneRecordsOneBasedToZeroBased() throws IOException {
        Path gtf = Fixtures.write(dir.resolve("a.gtf"),
                "chr1\tsrc\tgene\t101\t200\t.\t+\t.\tgene_id \"G1\"; gene_name \"x\";\n"
                + "chr1\tsrc\ttranscript\t101\t200\t.\t+\t.\tgene_id \"G1\"; transcript_id \"T1\";\n"
                + "chr1\tsrc\tgene\t301\t400\t.\t-\t.\tgene_id \"G2\";\n");
        assertEquals(List.of(new Gene("G1", "chr1", 100, '+', 1), new Gene("G2", "chr1", 399, '-', 3)),
                GeneReader.read(gtf));
        Path gff = Fixtures.write(dir.resolve("a.gff3"), "##gff-version 3\n"
                + "1\tensembl\tgene\t11\t20\t.\t-\t.\tID=gene:ENSG1;Name=A\n"
                + "1\tensembl\tgene\t31\t40\t.\t+\t.\tID=gene:ENSG2;gene_id=ENSG2X\n");
        assertEquals(List.of(new Gene("ENSG1", "1", 19, '-', 2), new Gene("ENSG2X", "1", 30, '+', 3)),
                GeneReader.read(gff));
    }

    @Test
    void gtfWithoutItsExtensionIsRecognisedByContent() throws IOException {
        Path dat = Fixtures.write(dir.resolve("dataset_1.dat"), "#!genome-build x\n"
                + "chr1\tsrc\tgene\t101\t200\t.\t-\t.\tgene_id \"G1\";\n");
        assertEquals(List.of(new Gene("G1", "chr1", 199, '-', 2)), GeneReader.read(dat));
        Path bed = Fixtures.write(dir.resolve("dataset_2.dat"), "chr1\t100\t200\tG1\t0\t-\t100\t200\t0\n");
        assertEquals(List.of(new Gene("G1", "chr1", 199, '-', 1)), GeneReader.read(bed)); // BED9 stays BED
    }

    @Test
    void malformedLinesNameFileAndLine() throws IOException {
        assertMessage("chr1\t1\t5\tA\t0\t+\nchr1\t7\tB\t0\t+\n", ":2: expected BED6");
        assertMessage("chr1\tx\t5\tA\t0\t+\n", ":1: start 'x' is not an integer");
        assertMessage("chr1\t9\t5\tA\t0\t+\n", ":1: start 9 and end 5 do not form an interval");
        assertMessage("chr1\t1\t5\tA\t0\t.\n", ":1: strand '.' must be + or -");
        assertMessage("chr1\t1\t5\tA\t0\t+\nchr2\t1\t5\tA\t0\t+\n", ":2: gene id A appears again (first on line 1)");
        assertMessage("# only a comment\n", "g.bed: no genes found");
    }

    private void assertMessage(String text, String expected) throws IOException {
        Path bed = Fixtures.write(dir.resolve("g.bed"), text);
        BadInputException e = assertThrows(BadInputException.class, () -> GeneReader.read(bed));
        assertTrue(e.getMessage().startsWith(bed.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
