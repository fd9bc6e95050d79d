package org.deepchrome.core.matrix;

import org.deepchrome.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed matrices: negatives only after the first line '# deepchrome-matrix values=signed', kept on write. */
class SignedMatrixTest {
    @TempDir
    Path dir;

    @Test
    void signedFileAllowsNegativesAndRoundTrips() throws IOException {
        Path in = Files.writeString(dir.resolve("s.csv"),
                MatrixWriter.SIGNED_LINE + "\ngene_id,bin,H3K27me3,H3K36me3,H3K4me1,H3K4me3,H3K9me3,label\n"
                        + "g,1,-1.5,0,0.25,2,-3,1\ng,2,0,0,0,0,0,1\n");
        GeneMatrix m = MatrixReader.read(in);
        assertTrue(m.signed());
        assertEquals(-1.5f, m.value(0, 0, 0));
        assertTrue(m.subset(new int[] {0}).signed());
        assertTrue(m.withLabels(null).signed());
        Path out = dir.resolve("out.csv.gz");
        MatrixWriter.write(m, out);
        GeneMatrix back = MatrixReader.read(out);
        assertTrue(back.signed());
        assertEquals(m, back);
        Path plain = dir.resolve("out.csv");
        MatrixWriter.write(m, plain);
        List<String> lines = Files.readAllLines(plain);
        // paper marks, yet the header is written: a signed matrix is always headed
        assertEquals(List.of(MatrixWriter.SIGNED_LINE, "gene_id,bin,H3K27me3,H3K36me3,H3K4me1,H3K4me3,H3K9me3,label"),
                lines.subList(0, 2));
    }

    @Test
    void negativeWithoutTheLineIsBadInputNamingIt() throws IOException {
        Path in = Files.writeString(dir.resolve("n.csv"), "gene_id,bin,K4\ng,1,-1\n");
        BadInputException e = assertThrows(BadInputException.class, () -> MatrixReader.read(in));
        assertTrue(e.getMessage().startsWith(in + ":2: column K4: value -1 must be a finite non-negative number"),
                e.getMessage());
        assertTrue(e.getMessage().contains(MatrixWriter.SIGNED_LINE));
        assertFalse(MatrixReader.read(Files.writeString(dir.resolve("p.csv"), "gene_id,bin,K4\ng,1,1\n")).signed());
    }

    @Test
    void unknownFirstLineAndHeaderlessSignedAreBadInput() throws IOException {
        Path odd = Files.writeString(dir.resolve("o.csv"), "# deepchrome-matrix values=weird\ngene_id,bin,K4\ng,1,1\n");
        assertTrue(assertThrows(BadInputException.class, () -> MatrixReader.read(odd)).getMessage()
                .startsWith(odd + ":1: unknown first line"));
        Path bare = Files.writeString(dir.resolve("b.csv"), MatrixWriter.SIGNED_LINE + "\ng,1,1,2,3,4,5\n");
        assertTrue(assertThrows(BadInputException.class, () -> MatrixReader.read(bare)).getMessage()
                .startsWith(bare + ":2: a signed matrix needs a header line"));
    }
}
