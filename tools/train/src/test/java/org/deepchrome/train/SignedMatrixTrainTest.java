package org.deepchrome.train;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.matrix.MatrixWriter;
import org.deepchrome.core.testing.ToolRun;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A signed matrix (log2 over a control) trains with --transform none by default and refuses log1p. */
class SignedMatrixTrainTest {
    @TempDir
    Path dir;

    /** The generated matrix shifted to log2 of (count + 1) / 4: negative where counts are small. */
    private Path signed(Path source, String name) throws IOException {
        GeneMatrix m = MatrixReader.read(source);
        List<float[]> values = new ArrayList<>();
        for (int g = 0; g < m.geneCount(); g++) {
            float[] v = m.values(g).clone();
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (Math.log((v[i] + 1) / 4.0) / Math.log(2));
            }
            values.add(v);
        }
        Path out = dir.resolve(name);
        MatrixWriter.write(new GeneMatrix(m.marks(), m.bins(), m.geneIds(), values, m.labels()).asSigned(), out);
        return out;
    }

    @Test
    void defaultsToNoTransformAndRefusesLog1p() throws IOException {
        Path data = TestData.generatedMatrices();
        Path train = signed(data.resolve("train.csv"), "train.csv");
        Path valid = signed(data.resolve("valid.csv"), "valid.csv");
        Path model = dir.resolve("m.zip");
        ToolRun run = ToolRun.of(new Train(), "--train", train.toString(), "--valid", valid.toString(),
                "--output", model.toString(), "--model-type", "logistic", "--c", "0.1", "--quiet", "--threads", "1");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(InputTransform.NONE, ModelFile.load(model).metadata().transform());

        Path refused = dir.resolve("refused.zip");
        run = ToolRun.of(new Train(), "--train", train.toString(), "--valid", valid.toString(),
                "--output", refused.toString(), "--model-type", "logistic", "--transform", "log1p", "--quiet");
        assertEquals(2, run.exitCode());
        assertEquals(List.of("deepchrome-train: " + train + ": signed matrix (negative values allowed); --transform "
                + "log1p needs values >= 0: use --transform none (the default for signed matrices)"), run.stderrLines());
        assertFalse(Files.exists(refused));
    }
}
