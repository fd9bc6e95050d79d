package org.deepchrome.predict;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.testing.BadInputCatalog;
import org.deepchrome.core.testing.BadInputCatalog.Case;
import org.deepchrome.model.CnnArchitecture;
import org.deepchrome.model.CnnModel;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.ModelFile;
import org.deepchrome.model.LinearModel;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.Task;
import org.deepchrome.model.ModelMetadata;
import org.deepchrome.model.Optimizer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** The deepchrome-predict rows of docs/bad-inputs.md; damaged model files are made from an untrained CNN. */
class BadInputCatalogTest {
    private static final Path MATRIX = Fixtures.root().resolve("test-data/matrix/test.csv");

    @TestFactory
    Stream<DynamicTest> catalogue() {
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("pr-model-truncated", d -> {
            byte[] bytes = Files.readAllBytes(cnn(d));
            return args(d, Files.write(d.resolve("in/cut.zip"), Arrays.copyOf(bytes, bytes.length / 3)), MATRIX);
        });
        cases.put("pr-model-other-format-version", d -> args(d, reformatted(cnn(d), d.resolve("in/v2.zip")), MATRIX));
        cases.put("pr-model-not-a-zip", d -> args(d, Files.writeString(d.resolve("in/model.zip"), "just text\n"), MATRIX));
        cases.put("pr-model-is-directory", d -> args(d, Files.createDirectories(d.resolve("in/model.zip")), MATRIX));
        cases.put("pr-matrix-other-bin-count", d -> {
            GeneMatrix test = MatrixReader.read(MATRIX);
            StringBuilder sb = new StringBuilder();
            for (int g = 0; g < 3; g++) {
                for (int b = 1; b <= 60; b++) {
                    sb.append(test.geneId(g)).append(',').append(b).append(",0,0,0,0,0\n");
                }
            }
            return args(d, cnn(d), Files.writeString(d.resolve("in/sixty.csv"), sb));
        });
        cases.put("pr-matrix-other-marks", d -> args(d, cnn(d), Files.writeString(d.resolve("in/two.csv"),
                "gene_id,bin,H3K4me3,H3K27me3\nG,1,0,0\n")));
        cases.put("pr-metrics-below-a-file", d -> {
            Path model = cnn(d);
            Files.writeString(d.resolve("in/a-file"), "");
            String[] a = args(d, model, MATRIX);
            String[] all = Arrays.copyOf(a, a.length + 2);
            all[a.length] = "--metrics";
            all[a.length + 1] = d.resolve("in/a-file/m.json").toString();
            return all;
        });
        cases.put("pr-expression-on-labelled-matrix", d -> withExpression(args(d, cnn(d), Files.copy(MATRIX, d.resolve("in/test.csv"))),
                Files.writeString(d.resolve("in/e.tsv"), "gene_id\texpression\nGENE0300\t5\n")));
        cases.put("pr-expression-ids-differ", d -> withExpression(args(d, ridge(d), Files.copy(MATRIX, d.resolve("in/test.csv"))),
                Files.writeString(d.resolve("in/e.tsv"), "gene_id\texpression\nX1\t5\n")));
        return BadInputCatalog.tests("deepchrome-predict", Predict::new, cases);
    }

    private static String[] withExpression(String[] a, Path table) {
        String[] all = Arrays.copyOf(a, a.length + 2);
        all[a.length] = "--expression";
        all[a.length + 1] = table.toString();
        return all;
    }

    /** A ridge regression model of the test matrix's shape (zero weights: only the checks matter). */
    private static Path ridge(Path dir) throws IOException {
        Path file = dir.resolve("in/ridge.zip");
        ModelMetadata metadata = new ModelMetadata(ModelMetadata.FORMAT, ModelKind.RIDGE, GeneMatrix.PAPER_MARKS, 100,
                InputTransform.LOG1P, 1, "test", 1, Double.NaN, Map.of(), Map.of(), Task.REGRESSION,
                InputTransform.LOG1P, 0.5);
        ModelFile.save(new LinearModel(metadata, new LinearModel.Parameters(new double[500], 1)), file);
        return file;
    }

    private static String[] args(Path dir, Path model, Path input) {
        return new String[] {"--model", model.toString(), "--input", input.toString(), "--output",
            dir.resolve("out/pred.tsv").toString(), "--quiet", "--threads", "1"};
    }

    /** An untrained CNN of the test matrix's shape: loading checks come before any prediction. */
    private static Path cnn(Path dir) throws IOException {
        Path file = dir.resolve("in/cnn.zip");
        if (!Files.exists(file)) {
            ModelMetadata metadata = new ModelMetadata(ModelMetadata.FORMAT, ModelKind.CNN, GeneMatrix.PAPER_MARKS, 100,
                    InputTransform.LOG1P, 1, "test", 1, 0.5, Map.of(), Map.of());
            ModelFile.save(new CnnModel(metadata, CnnArchitecture.build(5, 100, 1, Optimizer.ADAM, 1e-3)), file);
        }
        return file;
    }

    /** The same model with its metadata claiming a later format version. */
    private static Path reformatted(Path model, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(model));
             OutputStream raw = Files.newOutputStream(target);
             ZipOutputStream out = new ZipOutputStream(raw)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().endsWith(".json")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8).replace(ModelMetadata.FORMAT, "deepchrome-model/2")
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        return target;
    }
}
