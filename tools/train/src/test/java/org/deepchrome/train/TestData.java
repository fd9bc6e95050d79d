package org.deepchrome.train;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.model.DeepChromeModel;
import org.deepchrome.model.ModelFile;
import org.deepchrome.model.RocAuc;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the test matrices live: the project's generated test-data and the shared real data beside the checkout. */
final class TestData {
    private TestData() {
    }

    static Path root() {
        return Path.of(System.getProperty("deepchrome.root", "../..")).toAbsolutePath().normalize();
    }

    /** The generated matrices of test-data/matrix (train/valid/test.csv). */
    static Path generatedMatrices() {
        Path dir = root().resolve("test-data/matrix");
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("train.csv")),
                "generated test matrices absent: " + dir + " (run test-data/regenerate.sh)");
        return dir;
    }

    /** A directory of ../shared/data, or the test is skipped saying the data is absent. */
    static Path shared(String sub) {
        Path dir = root().resolve("../shared/data").resolve(sub).normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared real data absent: " + dir + " — test skipped");
        return dir;
    }

    static double testAuc(Path model, Path testMatrix) {
        DeepChromeModel m = ModelFile.load(model);
        GeneMatrix test = MatrixReader.read(testMatrix);
        m.checkCompatible(test, testMatrix);
        return RocAuc.auc(m.probabilityHigh(test), test.labels());
    }
}
