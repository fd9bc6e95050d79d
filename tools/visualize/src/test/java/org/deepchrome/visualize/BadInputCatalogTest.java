package org.deepchrome.visualize;

import org.deepchrome.core.cli.VersionProvider;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.testing.BadInputCatalog;
import org.deepchrome.core.testing.BadInputCatalog.Case;
import org.deepchrome.model.CnnArchitecture;
import org.deepchrome.model.CnnModel;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.ModelFile;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.ModelMetadata;
import org.deepchrome.model.Optimizer;
import org.deepchrome.model.Task;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The deepchrome-visualize rows of docs/bad-inputs.md; all refused before any gradient is computed. */
class BadInputCatalogTest {
    @TestFactory
    Stream<DynamicTest> catalogue() {
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("vi-gene-list-unknown-gene", d -> args(d, "--input", matrix(d).toString(), "--gene-list",
                Files.writeString(d.resolve("in/genes.txt"), "G1\n# comment\nNOPE\n").toString(), "--iterations", "5"));
        cases.put("vi-predictions-without-probability", d -> args(d, "--predictions", Files.writeString(
                d.resolve("in/p.tsv"), "gene_id\tscore\tpredicted_label\nG1\t0.5\t1\n").toString()));
        cases.put("vi-probability-above-1", d -> args(d, "--predictions", Files.writeString(d.resolve("in/p.tsv"),
                "gene_id\tprobability_high\tpredicted_label\tlabel\nG1\t0.5\t1\t1\nG2\t1.5\t1\t0\n").toString()));
        cases.put("vi-unknown-image-format", d -> args(d, "--image-format", "gif"));
        cases.put("vi-output-dir-below-a-file", d -> {
            Files.writeString(d.resolve("in/a-file"), "");
            return new String[] {"--model", cnn(d).toString(), "--output-dir", d.resolve("in/a-file/figures").toString(),
                "--quiet"};
        });
        cases.put("vi-regression-model-classification-predictions", d -> regressionArgs(d, "--predictions",
                Files.writeString(d.resolve("in/p.tsv"), "gene_id\tprobability_high\tpredicted_label\nG1\t0.5\t1\n")
                        .toString()));
        cases.put("vi-observed-not-a-number", d -> regressionArgs(d, "--predictions", Files.writeString(
                d.resolve("in/p.tsv"), "gene_id\tpredicted\tobserved\nG1\t2.5\tlots\n").toString()));
        return BadInputCatalog.tests("deepchrome-visualize", Visualize::new, cases);
    }

    /** Arguments with an untrained regression CNN (one linear output) as the model. */
    private static String[] regressionArgs(Path dir, String... extra) throws IOException {
        Path file = dir.resolve("in/regression.zip");
        ModelMetadata metadata = new ModelMetadata(ModelMetadata.FORMAT, ModelKind.CNN, GeneMatrix.PAPER_MARKS, 100,
                InputTransform.LOG1P, 1, VersionProvider.suiteVersion(), 1, Double.NaN, Map.of(), Map.of(),
                Task.REGRESSION, InputTransform.LOG1P, 0.5);
        ModelFile.save(new CnnModel(metadata, CnnArchitecture.build(5, 100, 1, Optimizer.ADAM, 0.001, Task.REGRESSION)),
                file);
        String[] base = {"--model", file.toString(), "--output-dir", dir.resolve("out").toString(), "--quiet"};
        String[] all = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    private static String[] args(Path dir, String... extra) throws IOException {
        String[] base = {"--model", cnn(dir).toString(), "--output-dir", dir.resolve("out").toString(), "--quiet"};
        String[] all = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    private static Path cnn(Path dir) throws IOException {
        Path file = dir.resolve("in/cnn.zip");
        if (!Files.exists(file)) {
            ModelMetadata metadata = new ModelMetadata(ModelMetadata.FORMAT, ModelKind.CNN, GeneMatrix.PAPER_MARKS, 100,
                    InputTransform.LOG1P, 1, VersionProvider.suiteVersion(), 1, 0.5, Map.of(), Map.of());
            ModelFile.save(new CnnModel(metadata, CnnArchitecture.build(5, 100, 1, Optimizer.ADAM, 0.001)), file);
        }
        return file;
    }

    /** Three genes G0..G2 of 100 bins, the paper's marks in its order. */
    private static Path matrix(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("gene_id,bin,H3K27me3,H3K36me3,H3K4me1,H3K4me3,H3K9me3\n");
        for (int g = 0; g < 3; g++) {
            for (int b = 1; b <= 100; b++) {
                sb.append('G').append(g).append(',').append(b).append(",1,2,3,0,1\n");
            }
        }
        return Files.writeString(dir.resolve("in/m.csv"), sb);
    }
}
