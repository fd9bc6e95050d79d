package org.deepchrome.core.matrix;

import org.deepchrome.core.BadInputException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MatrixReaderTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static String gene(String id, int bins, int label, boolean withLabel) {
        StringBuilder sb = new StringBuilder();
        for (int b = 1; b <= bins; b++) {
            sb.append(id).append(',').append(b).append(",0,").append(b).append(",0.5,2,0");
            if (withLabel) {
                sb.append(',').append(label);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Test
    void readsHeaderlessPaperLayoutMarkMajor() throws IOException {
        GeneMatrix m = MatrixReader.read(file("m.csv", gene("g1", 4, 1, true) + gene("g2", 4, 0, true)));
        assertEquals(GeneMatrix.PAPER_MARKS, m.marks());
        assertEquals(4, m.bins());
        assertEquals(List.of("g1", "g2"), m.geneIds());
        assertEquals(1, m.label(0));
        assertEquals(0, m.label(1));
        assertEquals(3f, m.value(0, 1, 2)); // H3K36me3 column holds the bin number
        assertEquals(0.5f, m.value(1, 2, 0));
    }

    @Test
    void readsHeaderWithAnyMarksAndNoLabel() throws IOException {
        GeneMatrix m = MatrixReader.read(file("h.csv", "gene_id,bin,H3K4me3,Input\na,1,5,1\na,2,6,0\n"));
        assertEquals(List.of("H3K4me3", "Input"), m.marks());
        assertFalse(m.hasLabels());
        assertEquals(6f, m.value(0, 0, 1));
    }

    @Test
    void writerRoundTripsPlainAndGzipAndAddsHeaderOnlyWhenNeeded() throws IOException {
        GeneMatrix m = MatrixReader.read(file("m.csv", gene("g1", 3, 1, true) + gene("g2", 3, 0, true)));
        Path plain = dir.resolve("out.csv");
        Path gz = dir.resolve("out.csv.gz");
        MatrixWriter.write(m, plain);
        MatrixWriter.write(m, gz);
        assertEquals(m, MatrixReader.read(plain));
        assertEquals(m, MatrixReader.read(gz));
        assertTrue(Files.readString(plain).startsWith("g1,1,0,1,0.5,2,0,1\n"));

        GeneMatrix other = MatrixReader.read(file("h.csv", "gene_id,bin,H3K4me3\na,1,5.25\n"));
        Path withHeader = dir.resolve("h-out.csv");
        MatrixWriter.write(other, withHeader);
        assertEquals("gene_id,bin,H3K4me3\na,1,5.25\n", Files.readString(withHeader));
    }

    @Test
    void numbersAreWrittenWithoutExponent() {
        StringBuilder sb = new StringBuilder();
        MatrixWriter.appendNumber(sb, 0.00012f);
        sb.append(' ');
        MatrixWriter.appendNumber(sb, 12f);
        assertEquals("0.00012 12", sb.toString());
    }

    @Test
    void badRowsNameFileAndLine() throws IOException {
        BadInputException e = assertThrows(BadInputException.class, () ->
                MatrixReader.read(file("bad.csv", gene("g1", 3, 1, true) + "g2,1,0,x,0,0,0,1\n")));
        assertEquals(dir.resolve("bad.csv") + ":4: column H3K36me3: 'x' is not a number", e.getMessage());

        e = assertThrows(BadInputException.class, () ->
                MatrixReader.read(file("neg.csv", "g,1,0,-1,0,0,0\n")));
        assertTrue(e.getMessage().contains(":1: column H3K36me3: value -1 must be a finite non-negative number"),
                e.getMessage());

        e = assertThrows(BadInputException.class, () ->
                MatrixReader.read(file("short.csv", gene("g1", 3, 1, true) + gene("g2", 2, 1, true))));
        assertTrue(e.getMessage().endsWith(":5: gene g2 has 2 bins, expected 3 like the genes before it"),
                e.getMessage());

        e = assertThrows(BadInputException.class, () ->
                MatrixReader.read(file("again.csv", gene("g1", 2, 1, true) + gene("g2", 2, 1, true)
                        + gene("g1", 2, 1, true))));
        assertTrue(e.getMessage().contains(":5: gene g1 appears again"), e.getMessage());

        e = assertThrows(BadInputException.class, () -> MatrixReader.read(file("empty.csv", "")));
        assertTrue(e.getMessage().endsWith("matrix holds no genes"));

        e = assertThrows(BadInputException.class, () -> MatrixReader.read(dir.resolve("missing.csv")));
        assertTrue(e.getMessage().endsWith("missing.csv: matrix does not exist"), e.getMessage());
    }

    @Test
    void truncatedGzipIsBadInput() throws IOException {
        GeneMatrix m = MatrixReader.read(file("m.csv", gene("g1", 100, 1, true).repeat(1)));
        Path gz = dir.resolve("t.csv.gz");
        MatrixWriter.write(m, gz);
        byte[] bytes = Files.readAllBytes(gz);
        Path cut = dir.resolve("cut.csv.gz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        BadInputException e = assertThrows(BadInputException.class, () -> MatrixReader.read(cut));
        assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());
    }

    /** The real Roadmap files of the paper's layout load unchanged (skipped when ../shared/data is absent). */
    @Test
    void readsRealRoadmapAndDeepDiffFiles() {
        Path data = SharedData.dir();
        Assumptions.assumeTrue(data != null, "skipped: ../shared/data is absent (real Roadmap data)");
        GeneMatrix e003 = MatrixReader.read(data.resolve("deepdiff/E003/train.csv"));
        assertEquals(200, e003.geneCount());
        assertEquals(100, e003.bins());
        GeneMatrix test = MatrixReader.read(data.resolve("remc-E012/test.csv.gz"));
        assertEquals(5219, test.geneCount());
        assertEquals(100, test.bins());
        assertTrue(test.hasLabels());
    }

    @Test
    void readsTheExpressionColumnAsPerGeneTargets() throws IOException {
        String text = "gene_id,bin,A,B,expression,label\n"
                + "g1,1,1,2,12.5,1\ng1,2,3,4,12.5,1\n"
                + "g2,1,0,0,NA,0\ng2,2,0,1,NA,0\n"
                + "g3,1,5,5,0,0\ng3,2,5,5,0,0\n";
        GeneMatrix m = MatrixReader.read(file("e.csv", text));
        assertEquals(List.of("A", "B"), m.marks(), "expression is not a mark");
        assertTrue(m.hasTargets());
        assertEquals(12.5f, m.target(0));
        assertTrue(Float.isNaN(m.target(1)), "NA is no value");
        assertEquals(0f, m.target(2));
        assertEquals(1, m.label(0));
        assertEquals(4f, m.value(0, 1, 1));
        GeneMatrix subset = m.subset(new int[] {2, 0});
        assertEquals(0f, subset.target(0));
        assertEquals(12.5f, subset.target(1));

        Path written = dir.resolve("back.csv");
        MatrixWriter.write(m, written);
        assertEquals(m, MatrixReader.read(written), "written with its expression column, read back the same");
        assertTrue(Files.readString(written).startsWith("gene_id,bin,A,B,expression,label\n"));
        assertFalse(MatrixReader.read(file("plain.csv", gene("g1", 2, 1, true))).hasTargets());
    }

    @Test
    void expressionMustBeTheSameOnEveryBinRowOfAGene() throws IOException {
        Path p = file("x.csv", "gene_id,bin,A,expression\ng1,1,1,3\ng1,2,1,3\ng1,3,1,4\n");
        BadInputException e = assertThrows(BadInputException.class, () -> MatrixReader.read(p));
        assertEquals(p + ":4: gene g1: expression changes from 3.0 to 4.0 within the gene (it must be the same on "
                + "every bin row)", e.getMessage());
        Path word = file("w.csv", "gene_id,bin,A,expression\ng1,1,1,lots\n");
        e = assertThrows(BadInputException.class, () -> MatrixReader.read(word));
        assertEquals(word + ":2: column expression: 'lots' is not a number", e.getMessage());
    }
}
