package org.deepchrome.predict;

import com.fasterxml.jackson.databind.JsonNode;
import org.deepchrome.core.testing.ToolRun;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.LinearModel;
import org.deepchrome.model.ModelFile;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.ModelMetadata;
import org.deepchrome.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deepchrome-predict on regression models, with a linear model whose output is known by hand:
 * one mark, two bins, weights (1, 0), bias 0 — the level is the gene's first bin.
 */
class PredictRegressionTest {
    @TempDir
    Path dir;

    private Path model(InputTransform targetTransform) throws IOException {
        ModelMetadata meta = new ModelMetadata(ModelMetadata.FORMAT, ModelKind.RIDGE, List.of("A"), 2,
                InputTransform.NONE, 1, "test", 1, Double.NaN, Map.of(), Map.of(), Task.REGRESSION, targetTransform,
                0.5);
        Path file = dir.resolve("ridge-" + targetTransform.id() + ".zip");
        ModelFile.save(new LinearModel(meta, new LinearModel.Parameters(new double[] {1, 0}, 0)), file);
        return file;
    }

    /** Genes g1..g5 with first-bin values 1..5; an expression column 2,4,5,4,5. */
    private Path matrix() throws IOException {
        StringBuilder sb = new StringBuilder("gene_id,bin,A,expression\n");
        double[] observed = {2, 4, 5, 4, 5};
        for (int g = 0; g < 5; g++) {
            sb.append("g").append(g + 1).append(",1,").append(g + 1).append(',').append(observed[g]).append('\n');
            sb.append("g").append(g + 1).append(",2,7,").append(observed[g]).append('\n');
        }
        return Files.writeString(dir.resolve("m.csv"), sb);
    }

    /**
     * Target transform none: predicted 1..5 against observed 2,4,5,4,5 — r = 6/√60, ρ = 7/√90,
     * R² = −0.5, RMSE = √(9/5) (worked out in RegressionMetricsTest).
     */
    @Test
    void handWorkedMetricsFromTheMatrixColumn() throws IOException {
        ToolRun run = ToolRun.of(new Predict(), "--model", model(InputTransform.NONE).toString(), "--input",
                matrix().toString(), "--output", dir.resolve("p.tsv").toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("gene_id\tpredicted\tobserved", "g1\t1.00000\t2.0", "g2\t2.00000\t4.0",
                "g3\t3.00000\t5.0", "g4\t4.00000\t4.0", "g5\t5.00000\t5.0"), Files.readAllLines(dir.resolve("p.tsv")));
        JsonNode m = ModelFile.json().readTree(dir.resolve("p.tsv.metrics.json").toFile());
        assertEquals("ridge", m.get("model").asText());
        assertEquals("regression", m.get("task").asText());
        assertEquals(6 / Math.sqrt(60), m.get("pearson_r").asDouble(), 1e-12);
        assertEquals(7 / Math.sqrt(90), m.get("spearman_rho").asDouble(), 1e-12);
        assertEquals(-0.5, m.get("r2").asDouble(), 1e-12);
        assertEquals(Math.sqrt(9.0 / 5), m.get("rmse").asDouble(), 1e-12);
        assertEquals(5, m.get("genes").asInt());
        assertEquals("none", m.get("target_transform").asText());
        assertFalse(Files.exists(dir.resolve("p.tsv.roc.tsv")), "no ROC for a regression model");
        assertEquals("r 0.7746 rho 0.7379 R2 -0.5000 RMSE 1.3416 (none scale, 5 genes)", run.stdout().strip());
    }

    /**
     * Target transform log1p: the model's level v is log(1 + x), so the file holds e^v − 1; the
     * metrics compare v with log(1 + observed). Observed comes from --expression, where g5 has none.
     */
    @Test
    void log1pModelWritesTheOriginalScaleAndScoresOnTheLogScale() throws IOException {
        Path table = Files.writeString(dir.resolve("e.tsv"), "gene_id\trpkm\ng1\t0\ng2\t3\ng3\t19\ng4\t54\ng5\tNA\n");
        ToolRun run = ToolRun.of(new Predict(), "--model", model(InputTransform.LOG1P).toString(), "--input",
                matrix().toString(), "--expression", table.toString(), "--output", dir.resolve("p.tsv").toString(),
                "--quiet");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> lines = Files.readAllLines(dir.resolve("p.tsv"));
        // the header states the model's scale: predicted_log1p holds the level before it is undone
        assertEquals("gene_id\tpredicted\tpredicted_log1p\tobserved", lines.get(0));
        for (int g = 1; g <= 5; g++) {
            String[] f = lines.get(g).split("\t");
            assertEquals(Math.expm1(g), Double.parseDouble(f[1]), 1e-5 * Math.expm1(g), lines.get(g));
            assertEquals(String.format(java.util.Locale.ROOT, "%.6g", (double) g), f[2], lines.get(g));
        }
        assertEquals("g5\t" + String.format(java.util.Locale.ROOT, "%.6g", Math.expm1(5)) + "\t5.00000\tNA", lines.get(5));
        JsonNode m = ModelFile.json().readTree(dir.resolve("p.tsv.metrics.json").toFile());
        // Levels 1,2,3,4 against log1p(0, 3, 19, 54) = 0, log 4, log 20, log 55.
        double[] o = {0, Math.log(4), Math.log(20), Math.log(55)};
        double meanO = (o[0] + o[1] + o[2] + o[3]) / 4;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        double sse = 0;
        for (int i = 0; i < 4; i++) {
            sxy += (i + 1 - 2.5) * (o[i] - meanO);
            sxx += (i + 1 - 2.5) * (i + 1 - 2.5);
            syy += (o[i] - meanO) * (o[i] - meanO);
            sse += (o[i] - (i + 1)) * (o[i] - (i + 1));
        }
        assertEquals(sxy / Math.sqrt(sxx * syy), m.get("pearson_r").asDouble(), 1e-6);
        assertEquals(1.0, m.get("spearman_rho").asDouble(), 1e-12);
        assertEquals(1 - sse / syy, m.get("r2").asDouble(), 1e-6);
        assertEquals(Math.sqrt(sse / 4), m.get("rmse").asDouble(), 1e-6);
        assertEquals(4, m.get("genes").asInt());
        assertEquals("log1p", m.get("target_transform").asText());
        assertEquals(List.of("deepchrome-predict: warning: " + dir.resolve("m.csv") + ": 1 of 5 genes have no "
                + "expression value in " + table + "; they are left out of the metrics"), run.stderrLines());
    }

    /** Without observed levels: predictions only, no metrics file. */
    @Test
    void withoutObservedLevelsOnlyPredictions() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.csv"), "gene_id,bin,A\ng1,1,2\ng1,2,0\n");
        ToolRun run = ToolRun.of(new Predict(), "--model", model(InputTransform.NONE).toString(), "--input",
                plain.toString(), "--output", dir.resolve("p.tsv").toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("gene_id\tpredicted", "g1\t2.00000"), Files.readAllLines(dir.resolve("p.tsv")));
        assertFalse(Files.exists(dir.resolve("p.tsv.metrics.json")));
        assertTrue(run.stdout().isEmpty());
    }
}
