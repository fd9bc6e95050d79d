package org.deepchrome.train;

import org.deepchrome.core.matrix.ExpressionTable;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.testing.ToolRun;
import org.deepchrome.model.DeepChromeModel;
import org.deepchrome.model.ModelFile;
import org.deepchrome.model.RegressionMetrics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance figures on the real Roadmap E012 cell (6,601 / 6,601 / 5,219 genes):
 * the CNN with default options reaches test AUC ≥ 0.943, and the baselines land within 0.005 of
 * their scikit-learn peers (rf 0.945, svm 0.943, logistic 0.943) or above. Takes many minutes,
 * so it runs only with {@code mvn verify -Pslow}.
 *
 * <p>Regression (issue 12), targets log(1 + rpkm) from expression.tsv: the suite reaches test
 * Pearson r 0.856 with the CNN and 0.843 with ridge (docs/benchmarks.md; the PyTorch
 * reference is 0.859 and 0.845; the PyTorch peer measured in the same run as ours reached 0.859,
 * scikit-learn's ridge on the same grid 0.843). The test pins what the suite reaches, less a small
 * margin for other machines' floating point.
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

    @ParameterizedTest
    @CsvSource({"cnn, 0.853", "ridge, 0.840"})
    void regressionReachesItsMeasuredTestR(String kind, double reached) {
        Path data = TestData.shared("remc-E012");
        Path model = dir.resolve(kind + ".regression.zip");
        ToolRun run = ToolRun.of(new Train(), "--task", "regression", "--model-type", kind, "--expression",
                data.resolve("expression.tsv").toString(), "--expression-column", "rpkm",
                "--train", data.resolve("train.csv.gz").toString(), "--valid", data.resolve("valid.csv.gz").toString(),
                "--output", model.toString(), "--quiet", "--threads", "1");
        assertEquals(0, run.exitCode(), run.stderr());
        DeepChromeModel m = ModelFile.load(model);
        GeneMatrix test = MatrixReader.read(data.resolve("test.csv.gz"));
        Map<String, Double> rpkm = ExpressionTable.read(data.resolve("expression.tsv"), "rpkm");
        double[] observed = new double[test.geneCount()];
        for (int g = 0; g < observed.length; g++) {
            observed[g] = Math.log1p(rpkm.get(test.geneId(g)));
        }
        double r = RegressionMetrics.pearson(m.predictLevel(test), observed);
        assertTrue(r >= reached, "E012 " + kind + " regression test r " + r);
    }
}
