package org.deepchrome.core.matrix;

import org.deepchrome.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The matrix read in chunks: the chunks put together are the matrix {@link MatrixReader#read}
 * gives, for every layout, and a bad row is the same one-line error, raised by the chunk that
 * reaches it.
 */
class MatrixStreamTest {
    @TempDir
    Path dir;

    /** Genes g1..gN with 3 bins; values vary by gene, bin and mark; label = gene parity. */
    private static String headless(int genes) {
        StringBuilder sb = new StringBuilder();
        for (int g = 1; g <= genes; g++) {
            for (int b = 1; b <= 3; b++) {
                sb.append('g').append(g).append(',').append(b);
                for (int m = 0; m < 5; m++) {
                    sb.append(',').append(g * 10 + b + m * 0.25);
                }
                sb.append(',').append(g % 2).append('\n');
            }
        }
        return sb.toString();
    }

    /** All chunks of at most {@code size} genes, put together into one matrix. */
    private static GeneMatrix inChunks(Path file, int size, List<Integer> sizes) {
        List<String> ids = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Float> targets = new ArrayList<>();
        try (MatrixStream s = MatrixStream.open(file)) {
            boolean signed = s.signed();
            for (GeneMatrix c = s.next(size); c != null; c = s.next(size)) {
                sizes.add(c.geneCount());
                assertEquals(s.marks(), c.marks());
                assertEquals(s.bins(), c.bins());
                assertEquals(signed, c.signed());
                assertEquals(s.hasLabels(), c.hasLabels());
                assertEquals(s.hasTargets(), c.hasTargets());
                for (int g = 0; g < c.geneCount(); g++) {
                    ids.add(c.geneId(g));
                    values.add(c.values(g));
                    labels.add(c.label(g));
                    targets.add(c.target(g));
                }
            }
            assertNull(s.next(size), "the end stays the end");
            int[] l = s.hasLabels() ? labels.stream().mapToInt(Integer::intValue).toArray() : null;
            float[] t = null;
            if (s.hasTargets()) {
                t = new float[targets.size()];
                for (int i = 0; i < t.length; i++) {
                    t[i] = targets.get(i);
                }
            }
            GeneMatrix m = new GeneMatrix(s.marks(), s.bins(), ids, values, l, t);
            return signed ? m.asSigned() : m;
        }
    }

    private void assertChunksMakeTheMatrix(Path file, int genes) {
        GeneMatrix whole = MatrixReader.read(file);
        assertEquals(genes, whole.geneCount());
        for (int size : new int[] {1, 2, 3, genes - 1, genes, genes + 5}) {
            List<Integer> sizes = new ArrayList<>();
            GeneMatrix joined = inChunks(file, size, sizes);
            assertEquals(whole, joined, file + " in chunks of " + size);
            assertEquals(whole.signed(), joined.signed());
            assertEquals((genes + size - 1) / size, sizes.size(), "chunk count for size " + size);
            for (int i = 0; i < sizes.size() - 1; i++) {
                assertEquals(size, sizes.get(i), "only the last chunk may be short");
            }
        }
    }

    @Test
    void chunksOfEveryLayoutMakeTheWholeMatrix() throws IOException {
        assertChunksMakeTheMatrix(Files.writeString(dir.resolve("headless.csv"), headless(7)), 7);

        Path gz = dir.resolve("headless.csv.gz");
        MatrixWriter.write(MatrixReader.read(dir.resolve("headless.csv")), gz);
        assertChunksMakeTheMatrix(gz, 7);

        StringBuilder headed = new StringBuilder("gene_id,bin,A,B,expression,label\n");
        for (int g = 1; g <= 5; g++) {
            for (int b = 1; b <= 2; b++) {
                headed.append('x').append(g).append(',').append(b).append(',').append(g + b).append(',').append(b)
                        .append(',').append(g == 3 ? "NA" : Double.toString(g * 1.5)).append(',').append(g % 2)
                        .append('\n');
            }
        }
        assertChunksMakeTheMatrix(Files.writeString(dir.resolve("headed.csv"), headed), 5);

        String signed = MatrixWriter.SIGNED_LINE + "\ngene_id,bin,A\ns1,1,-1.5\ns1,2,2\ns2,1,0\ns2,2,-3\ns3,1,1\ns3,2,1\n";
        Path signedFile = Files.writeString(dir.resolve("signed.csv"), signed);
        assertTrue(MatrixReader.read(signedFile).signed());
        assertChunksMakeTheMatrix(signedFile, 3);
    }

    @Test
    void computeMatrixFilesAreHandedOutInChunksToo() throws IOException {
        GeneMatrix m = MatrixReader.read(Files.writeString(dir.resolve("m.csv"), headless(6)));
        List<ComputeMatrixFile.Region> regions = new ArrayList<>();
        for (int g = 0; g < m.geneCount(); g++) {
            regions.add(new ComputeMatrixFile.Region("chr1", 1000 * g, 1000 * g + 1, m.geneId(g), '+'));
        }
        Path file = dir.resolve("m.mat.gz");
        ComputeMatrixFile.write(m.withLabels(null), regions, "genes", 150, 150, 100, file);
        assertChunksMakeTheMatrix(file, 6);
    }

    /**
     * A bad row after the first chunk: the chunks before it come out, the one reaching it fails
     * with the message the whole-matrix reader gives.
     */
    @Test
    void aBadRowFailsTheChunkThatReachesItWithTheReadersMessage() throws IOException {
        List<String> lines = new ArrayList<>(headless(6).lines().toList());
        lines.set(13, "g5,2,oops,1,1,1,1,1"); // gene g5, bin 2: line 14
        Path file = Files.write(dir.resolve("bad.csv"), lines);
        String expected = assertThrows(BadInputException.class, () -> MatrixReader.read(file)).getMessage();
        assertTrue(expected.startsWith(file + ":14: column "), expected);
        try (MatrixStream s = MatrixStream.open(file)) {
            assertEquals(List.of("g1", "g2"), s.next(2).geneIds());
            assertEquals(List.of("g3", "g4"), s.next(2).geneIds());
            assertEquals(expected, assertThrows(BadInputException.class, () -> s.next(2)).getMessage());
        }
    }

    /** A gene coming back in a later chunk is still the reader's error: the ids seen are kept across chunks. */
    @Test
    void aGeneComingBackInALaterChunkIsRefused() throws IOException {
        String text = headless(3) + headless(1);
        Path file = Files.writeString(dir.resolve("again.csv"), text);
        String expected = assertThrows(BadInputException.class, () -> MatrixReader.read(file)).getMessage();
        assertEquals(file + ":10: gene g1 appears again after other genes (its bins must be on consecutive rows)",
                expected);
        try (MatrixStream s = MatrixStream.open(file)) {
            assertEquals(3, s.next(3).geneCount());
            assertEquals(expected, assertThrows(BadInputException.class, () -> s.next(3)).getMessage());
        }
    }

    /**
     * Plain lines are cut at their commas, others go through commons-csv: quoted fields, spaces
     * around fields, CRLF line ends, blank lines and decimals read as the plain file's values.
     */
    @Test
    void unusualLinesReadAsThePlainOnes() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.csv"), headless(3));
        StringBuilder odd = new StringBuilder();
        for (String line : headless(3).lines().toList()) {
            String[] f = line.split(",");
            odd.append('"').append(f[0]).append("\", ").append(f[1]);
            for (int i = 2; i < f.length; i++) {
                odd.append(i % 2 == 0 ? " ," : ",").append(f[i]);
            }
            odd.append("\r\n\r\n");
        }
        Path unusual = Files.writeString(dir.resolve("unusual.csv"), odd);
        assertEquals(MatrixReader.read(plain), MatrixReader.read(unusual));
        String expected = assertThrows(BadInputException.class, () -> MatrixReader.read(Files.writeString(
                dir.resolve("bad.csv"), headless(1).replace("g1,2,", "g1, 2x,")))).getMessage();
        assertEquals(dir.resolve("bad.csv") + ":2: bin '2x' is not a positive integer", expected);
    }

    @Test
    void countsAreParsedAsFloatParseFloatParsesThem() throws IOException {
        String[] texts = {"0", "7", "007", "16777217", "999999999", "1234567890", "0.5", "1e3"};
        StringBuilder sb = new StringBuilder("gene_id,bin,A\n");
        for (int i = 0; i < texts.length; i++) {
            sb.append("g").append(i).append(",1,").append(texts[i]).append('\n');
        }
        GeneMatrix m = MatrixReader.read(Files.writeString(dir.resolve("n.csv"), sb));
        for (int i = 0; i < texts.length; i++) {
            assertEquals(Float.floatToIntBits(Float.parseFloat(texts[i])), Float.floatToIntBits(m.value(i, 0, 0)),
                    texts[i]);
        }
    }

    /** Errors in the first gene (and empty files) come from open, before any chunk. */
    @Test
    void openReadsTheFirstGene() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "gene_id,bin,A\n");
        assertEquals(empty + ": matrix holds no genes",
                assertThrows(BadInputException.class, () -> MatrixStream.open(empty)).getMessage());
        Path badFirst = Files.writeString(dir.resolve("first.csv"), "gene_id,bin,A\na,1,1\na,3,1\n");
        assertEquals(badFirst + ":3: gene a: bin 3 where bin 2 was expected (bins must run 1..N in order)",
                assertThrows(BadInputException.class, () -> MatrixStream.open(badFirst)).getMessage());
        try (MatrixStream s = MatrixStream.open(Files.writeString(dir.resolve("ok.csv"), headless(2)))) {
            assertEquals(3, s.bins());
            assertEquals(GeneMatrix.PAPER_MARKS, s.marks());
            assertTrue(s.hasLabels());
            assertFalse(s.hasTargets());
            assertFalse(s.signed());
        }
    }
}
