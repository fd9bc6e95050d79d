package org.deepchrome.core.matrix;

import org.deepchrome.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** computeMatrix files: written as deepTools writes them, read back by MatrixReader; broken ones are one-line errors. */
class ComputeMatrixFileTest {
    @TempDir
    Path dir;

    private Path gz(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    static final String HEADER = "@{\"upstream\":[10,10],\"bin size\":[10,10],\"group_labels\":[\"genes\"],"
            + "\"group_boundaries\":[0,2],\"sample_labels\":[\"K4\",\"In\\\"put\"],\"sample_boundaries\":[0,2,4]}\n";

    @Test
    void readsSamplesAsMarksAndRoundTrips() throws IOException {
        Path in = gz("m.gz", HEADER + "chr1\t5\t6\tg1\t0.0\t+\t1.000000\t2.500000\t0.000000\t-1.250000\n"
                + "chr1\t50\t51\tg2\t0.0\t-\t0.000000\t0.000000\t3.000000\t4.000000\n");
        GeneMatrix m = MatrixReader.read(in);
        assertEquals(List.of("K4", "In\"put"), m.marks());
        assertEquals(2, m.bins());
        assertEquals(List.of("g1", "g2"), m.geneIds());
        assertArrayEquals(new float[] {1, 2.5f, 0, -1.25f}, m.values(0));
        assertTrue(m.signed(), "a negative value makes the matrix signed");
        assertFalse(m.hasLabels());

        Path out = dir.resolve("back.mat.gz");
        ComputeMatrixFile.write(m, List.of(new ComputeMatrixFile.Region("chr1", 5, 6, "g1", '+'),
                new ComputeMatrixFile.Region("chr1", 50, 51, "g2", '-')), "genes", 10, 10, 10, out);
        assertEquals(m, MatrixReader.read(out));
    }

    @Test
    void printsLikeNumpyPercentF() {
        StringBuilder sb = new StringBuilder();
        ComputeMatrixFile.appendFixed6(sb, 0);
        sb.append(' ');
        ComputeMatrixFile.appendFixed6(sb, 2.27f);
        sb.append(' ');
        ComputeMatrixFile.appendFixed6(sb, -0.1234567f);
        assertEquals("0.000000 2.270000 -0.123457", sb.toString());
    }

    @Test
    void nanWrongColumnsAndBrokenHeaderAreOneLine() throws IOException {
        Path nan = gz("nan.gz", HEADER + "chr1\t5\t6\tg1\t0.0\t+\t1\tnan\t0\t0\n");
        assertEquals(nan + ":2: value nan in sample K4 (computeMatrix without --missingDataAsZero? run it with that option)",
                assertThrows(BadInputException.class, () -> MatrixReader.read(nan)).getMessage());
        Path cols = gz("cols.gz", HEADER + "chr1\t5\t6\tg1\t0.0\t+\t1\t0\n");
        assertTrue(assertThrows(BadInputException.class, () -> MatrixReader.read(cols)).getMessage()
                .startsWith(cols + ":2: expected 10 tab-separated columns"));
        Path json = gz("json.gz", "@{\"sample_labels\":[\"K4\"\n");
        assertTrue(assertThrows(BadInputException.class, () -> MatrixReader.read(json)).getMessage()
                .startsWith(json + ":1: JSON"));
        Path uneven = gz("uneven.gz", "@{\"sample_labels\":[\"a\",\"b\"],\"sample_boundaries\":[0,2,5]}\n");
        assertTrue(assertThrows(BadInputException.class, () -> MatrixReader.read(uneven)).getMessage()
                .contains("samples have different bin counts"));
    }
}
