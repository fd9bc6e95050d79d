package org.deepchrome.predict;

import org.deepchrome.core.matrix.ComputeMatrixFile;
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

/**
 * predict reads a deepTools computeMatrix file (samples = marks) as it reads the CSV: the same
 * genes and values give the same predictions. The model is galaxy/test-data's logistic model
 * (the paper's five marks, 100 bins), the matrix test-data's chr3 genes.
 */
class ComputeMatrixInputTest {
    @TempDir
    Path dir;

    @Test
    void computeMatrixFileGivesTheCsvPredictions() throws IOException {
        Path root = Path.of(System.getProperty("deepchrome.root", "../..")).toAbsolutePath().normalize();
        Path model = root.resolve("galaxy/test-data/logistic_model.zip");
        Path csv = root.resolve("test-data/matrix/test.csv");
        GeneMatrix m = MatrixReader.read(csv);
        List<ComputeMatrixFile.Region> regions = new ArrayList<>();
        for (int g = 0; g < m.geneCount(); g++) {
            regions.add(new ComputeMatrixFile.Region("chr3", 1000 * g, 1000 * g + 1, m.geneId(g), '+'));
        }
        Path deeptools = dir.resolve("test.mat.gz");
        ComputeMatrixFile.write(m.withLabels(null), regions, "genes", 5000, 5000, 100, deeptools);

        Path fromCsv = dir.resolve("csv.tsv");
        Path fromDeeptools = dir.resolve("deeptools.tsv");
        ToolRun a = ToolRun.of(new Predict(), "--model", model.toString(), "--input", csv.toString(),
                "--output", fromCsv.toString(), "--quiet");
        ToolRun b = ToolRun.of(new Predict(), "--model", model.toString(), "--input", deeptools.toString(),
                "--output", fromDeeptools.toString(), "--quiet");
        assertEquals(0, a.exitCode(), a.stderr());
        assertEquals(0, b.exitCode(), b.stderr());
        List<String> withLabels = Files.readAllLines(fromCsv);
        List<String> without = Files.readAllLines(fromDeeptools);
        assertEquals(m.geneCount() + 1, without.size());
        for (int i = 1; i < without.size(); i++) { // the CSV run adds the observed label column
            assertEquals(without.get(i), withLabels.get(i).substring(0, withLabels.get(i).lastIndexOf('\t')));
        }
    }
}
