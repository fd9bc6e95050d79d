package org.deepchrome.train;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.testing.ProjectFiles;
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
        return ProjectFiles.root();
    }

    /** The committed matrices of test-data/matrix (train/valid/test.csv); missing, they fail the test. */
    static Path generatedMatrices() {
        ProjectFiles.committed("test-data/matrix/train.csv");
        return ProjectFiles.committed("test-data/matrix");
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
