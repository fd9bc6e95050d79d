package org.deepchrome.predict;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.matrix.MatrixWriter;
import org.deepchrome.core.testing.ToolRun;
import org.deepchrome.model.BaselineFeatures;
import org.deepchrome.model.BaselineModel;
import org.deepchrome.model.CnnArchitecture;
import org.deepchrome.model.CnnModel;
import org.deepchrome.model.DeepChromeModel;
import org.deepchrome.model.ForestModel;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.LinearModel;
import org.deepchrome.model.LinearTrainer;
import org.deepchrome.model.ModelFile;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.ModelMetadata;
import org.deepchrome.model.Optimizer;
import org.deepchrome.model.RidgeTrainer;
import org.deepchrome.model.Task;
import org.deepchrome.model.attentive.AttentiveModel;
import org.deepchrome.model.attentive.AttentiveParameters;
import org.deepchrome.model.forest.ForestTrainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * predict reads and scores the matrix a chunk of genes at a time (issue 16): for every kind of
 * model the files it writes are byte for byte those of a run that takes the whole matrix as
 * one chunk (what predict did before it streamed), and a bad row in a later chunk still
 * leaves no file behind. The matrix is test-data's test split copied 12 times under new ids
 * (1,248 genes), scored in chunks of 512 (the CNN's inference chunk; the production chunk is
 * a multiple of it) and, for the kinds that score each gene alone, of 100 (attentive: 128 and 64
 * on the first 320 genes, with the attention table).
 */
class PredictStreamingTest {
    private static final int COPIES = 12;

    @TempDir
    Path dir;
    private GeneMatrix big;
    private Path labelled;
    private Path withExpression;

    @BeforeEach
    void makeMatrix() throws IOException {
        GeneMatrix test = MatrixReader.read(Fixtures.testMatrix());
        List<String> ids = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        int[] labels = new int[test.geneCount() * COPIES];
        float[] levels = new float[labels.length];
        for (int c = 0; c < COPIES; c++) {
            for (int g = 0; g < test.geneCount(); g++) {
                int i = ids.size();
                ids.add(test.geneId(g) + ":" + c);
                float[] v = test.values(g).clone();
                for (int k = 0; k < v.length; k++) {
                    v[k] += c; // each copy its own values
                }
                values.add(v);
                labels[i] = test.label(g);
                levels[i] = i % 17 == 0 ? Float.NaN : 0.5f * i; // some genes without a level
            }
        }
        big = new GeneMatrix(test.marks(), test.bins(), ids, values, labels);
        labelled = dir.resolve("big.csv.gz");
        MatrixWriter.write(big, labelled);
        withExpression = dir.resolve("big-expression.csv");
        MatrixWriter.write(big.withTargets(levels), withExpression);
    }

    private ModelMetadata metadata(ModelKind kind, Task task) {
        return new ModelMetadata(ModelMetadata.FORMAT, kind, big.marks(), big.bins(), InputTransform.LOG1P, 1, "test",
                1, task == Task.REGRESSION ? Double.NaN : 0.5, Map.of(), Map.of(), task,
                task == Task.REGRESSION ? InputTransform.LOG1P : null, task == Task.REGRESSION ? 0.5 : null);
    }

    private Path save(DeepChromeModel model, String name) throws IOException {
        Path file = dir.resolve(name + ".zip");
        ModelFile.save(model, file);
        return file;
    }

    private double[] levels() {
        double[] t = new double[big.geneCount()];
        for (int g = 0; g < t.length; g++) {
            t[g] = g % 7 + 0.1 * big.label(g);
        }
        return t;
    }

    /** Runs predict with the given chunk size; returns the run and the files it wrote (name, bytes). */
    private ToolRun predict(int chunk, Path model, Path input, Path out, String... extra) throws IOException {
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("--model", model.toString(), "--input", input.toString(),
                "--output", out.resolve("pred.tsv").toString(), "--threads", "2"));
        args.addAll(List.of(extra));
        Predict predict = new Predict();
        predict.chunkGenes = chunk;
        return ToolRun.of(predict, args.toArray(String[]::new));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Whole matrix as one chunk against chunks of each size: the same files, the same bytes, the same stdout. */
    private void assertStreamedIsIdentical(String name, Path model, Path input, int[] chunks, String... extra)
            throws IOException {
        Path whole = dir.resolve(name + "-whole");
        ToolRun reference = predict(Integer.MAX_VALUE, model, input, whole, extra);
        assertEquals(0, reference.exitCode(), reference.stderr());
        assertTrue(names(whole).contains("pred.tsv"), name);
        for (int chunk : chunks) {
            Path streamed = dir.resolve(name + "-" + chunk);
            ToolRun run = predict(chunk, model, input, streamed, extra);
            assertEquals(0, run.exitCode(), run.stderr());
            assertEquals(reference.stdout(), run.stdout(), name + " stdout, chunks of " + chunk);
            assertEquals(names(whole), names(streamed), name + " files, chunks of " + chunk);
            for (String file : names(whole)) {
                assertArrayEquals(Files.readAllBytes(whole.resolve(file)), Files.readAllBytes(streamed.resolve(file)),
                        name + ": " + file + " differs in chunks of " + chunk);
            }
        }
    }

    @Test
    void cnnClassifierAndRegressionStreamByteIdentically() throws IOException {
        Path cnn = save(new CnnModel(metadata(ModelKind.CNN, Task.CLASSIFICATION),
                CnnArchitecture.build(big.markCount(), big.bins(), 3, Optimizer.ADAM, 1e-3)), "cnn");
        assertStreamedIsIdentical("cnn", cnn, labelled, new int[] {512, 1024});

        // and the whole-matrix run is the model's own scores, in the format predict has always written
        double[] p = ModelFile.load(cnn).probabilityHigh(big);
        StringBuilder expected = new StringBuilder("gene_id\tprobability_high\tpredicted_label\tlabel\n");
        for (int g = 0; g < big.geneCount(); g++) {
            expected.append(big.geneId(g)).append('\t').append(String.format(Locale.ROOT, "%.6f", p[g])).append('\t')
                    .append(p[g] >= 0.5 ? 1 : 0).append('\t').append(big.label(g)).append('\n');
        }
        assertEquals(expected.toString(), Files.readString(dir.resolve("cnn-512/pred.tsv")));

        Path regression = save(new CnnModel(metadata(ModelKind.CNN, Task.REGRESSION),
                CnnArchitecture.build(big.markCount(), big.bins(), 3, Optimizer.ADAM, 1e-3, Task.REGRESSION)),
                "cnn-regression");
        assertStreamedIsIdentical("cnn-regression", regression, withExpression, new int[] {512});
    }

    @Test
    void forestAndLinearModelsStreamByteIdentically() throws IOException {
        float[][] rows = BaselineFeatures.rows(big, InputTransform.LOG1P);
        int[] labels = big.labels();
        int[] chunks = {100, 512};
        assertStreamedIsIdentical("rf", save(new ForestModel(metadata(ModelKind.RF, Task.CLASSIFICATION),
                new ForestTrainer(5, 1, 1, ForestTrainer.DEFAULT_MAX_BINS).fit(rows, labels, () -> { })), "rf"),
                labelled, chunks);
        assertStreamedIsIdentical("rf-regression", save(new ForestModel(metadata(ModelKind.RF, Task.REGRESSION),
                new ForestTrainer(5, 1, 1, ForestTrainer.DEFAULT_MAX_BINS).fitRegression(rows, levels(), () -> { })),
                "rf-regression"), withExpression, chunks);
        LinearTrainer linear = new LinearTrainer(rows, labels);
        for (ModelKind kind : new ModelKind[] {ModelKind.SVM, ModelKind.LOGISTIC}) {
            assertStreamedIsIdentical(kind.id(), save(new LinearModel(metadata(kind, Task.CLASSIFICATION),
                    linear.fit(kind, 0.01, 1)), kind.id()), labelled, chunks);
        }
        assertStreamedIsIdentical("ridge", save(new LinearModel(metadata(ModelKind.RIDGE, Task.REGRESSION),
                new RidgeTrainer(rows, levels()).fit(10)), "ridge"), withExpression, chunks);
        // a comparison model of earlier versions (Tribuo), still read and scored
        assertStreamedIsIdentical("tribuo", save(new BaselineModel(metadata(ModelKind.LOGISTIC, Task.CLASSIFICATION),
                new LibLinearClassificationTrainer(new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR),
                        1.0, 1000, 1e-4, 1L).train(BaselineFeatures.dataset(big, InputTransform.LOG1P, "big"))),
                "tribuo"), labelled, chunks);
    }

    @Test
    void attentiveModelStreamsScoresAndAttentionByteIdentically() throws IOException {
        AttentiveParameters p = AttentiveParameters.initial(big.markCount(), big.bins(), 3);
        for (int i = 0; i < p.values().length; i++) {
            p.values()[i] *= 3;
        }
        Path model = save(new AttentiveModel(metadata(ModelKind.ATTENTIVE, Task.CLASSIFICATION), p, false),
                "attentive");
        // AttentiveInference scores each gene alone, so any chunk size will do: 320 genes keep the test short
        Path small = dir.resolve("small.csv");
        MatrixWriter.write(big.subset(java.util.stream.IntStream.range(0, 320).toArray()), small);
        for (int chunk : new int[] {Integer.MAX_VALUE, 128, 64}) {
            Path out = dir.resolve("attentive-attention-" + chunk);
            ToolRun run = predict(chunk, model, small, out, "--attention",
                    out.resolve("attention.tsv.gz").toString(), "--quiet");
            assertEquals(0, run.exitCode(), run.stderr());
        }
        for (String file : List.of("pred.tsv", "attention.tsv.gz", "pred.tsv.metrics.json", "pred.tsv.roc.tsv")) {
            byte[] whole = Files.readAllBytes(dir.resolve("attentive-attention-" + Integer.MAX_VALUE + "/" + file));
            assertArrayEquals(whole, Files.readAllBytes(dir.resolve("attentive-attention-128/" + file)), file);
            assertArrayEquals(whole, Files.readAllBytes(dir.resolve("attentive-attention-64/" + file)), file);
        }
    }

    /**
     * A bad value in gene 1,000 (the second chunk of 512): the first chunk was scored and its
     * attention rows written, yet the run ends with the reader's one line, exit 2, and no file
     * (nor temporary) is left in the output directory.
     */
    @Test
    void aBadRowInALaterChunkLeavesNothingBehind() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(withExpression));
        int index = 1 + 999 * big.bins() + 42; // the header, then gene 1,000's bin 43
        String[] f = lines.get(index).split(",");
        f[3] = "n/a";
        lines.set(index, String.join(",", f));
        Path bad = Files.write(dir.resolve("bad.csv"), lines);
        String expected = "deepchrome-predict: " + bad + ":" + (index + 1) + ": column " + big.marks().get(1)
                + ": 'n/a' is not a number";

        AttentiveParameters p = AttentiveParameters.initial(big.markCount(), big.bins(), 3);
        Path attentive = save(new AttentiveModel(metadata(ModelKind.ATTENTIVE, Task.CLASSIFICATION), p, false),
                "attentive");
        Path cnn = save(new CnnModel(metadata(ModelKind.CNN, Task.CLASSIFICATION),
                CnnArchitecture.build(big.markCount(), big.bins(), 3, Optimizer.ADAM, 1e-3)), "cnn");
        for (Path model : List.of(attentive, cnn)) {
            Path out = dir.resolve("bad-out-" + model.getFileName());
            String[] extra = model == attentive
                    ? new String[] {"--attention", out.resolve("attention.tsv").toString(), "--quiet"}
                    : new String[] {"--quiet"};
            ToolRun run = predict(512, model, bad, out, extra);
            assertEquals(2, run.exitCode(), run.stderr());
            assertEquals(List.of(expected), run.stderrLines());
            assertEquals(List.of(), names(out), "nothing left behind");
        }
    }
}
