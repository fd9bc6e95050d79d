package org.deepchrome.train;

import org.deepchrome.core.testing.ToolRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance figures on the real Roadmap E012 cell (6,601 / 6,601 / 5,219 genes):
 * the CNN with default options reaches test AUC ≥ 0.943, and the baselines land within 0.005 of
 * their scikit-learn peers (rf 0.945, svm 0.943, logistic 0.943) or above. Takes many minutes,
 * so it runs only with {@code mvn verify -Pslow}.
 */
@Tag("slow")
class E012AcceptanceTest {
    @TempDir
    Path dir;

    @Test
    void cnnWithDefaultOptionsReachesThePapersTestAuc() {
        Path data = TestData.shared("remc-E012");
        Path model = dir.resolve("cnn.zip");
        ToolRun run = ToolRun.of(new Train(), "--train", data.resolve("train.csv.gz").toString(),
                "--valid", data.resolve("valid.csv.gz").toString(), "--output", model.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.stderr());
        double auc = TestData.testAuc(model, data.resolve("test.csv.gz"));
        assertTrue(auc >= 0.943, "E012 CNN test AUC " + auc);
    }

    @ParameterizedTest
    @CsvSource({"rf, 0.945", "svm, 0.943", "logistic, 0.943"})
    void baselinesMatchTheirScikitLearnPeers(String kind, double peer) {
        Path data = TestData.shared("remc-E012");
        Path model = dir.resolve(kind + ".zip");
        ToolRun run = ToolRun.of(new Train(), "--model-type", kind, "--train", data.resolve("train.csv.gz").toString(),
                "--valid", data.resolve("valid.csv.gz").toString(), "--output", model.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.stderr());
        double auc = TestData.testAuc(model, data.resolve("test.csv.gz"));
        assertTrue(auc >= peer - 0.005, "E012 " + kind + " test AUC " + auc + ", scikit-learn peer " + peer);
    }
}
