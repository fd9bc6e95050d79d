package org.deepchrome.predict;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.cli.CommonOptions;
import org.deepchrome.core.cli.ToolRunner;
import org.deepchrome.core.cli.VersionProvider;
import org.deepchrome.core.io.AtomicFile;
import org.deepchrome.core.io.OutputTarget;
import org.deepchrome.core.matrix.ExpressionLabels;
import org.deepchrome.core.matrix.ExpressionTable;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixStream;
import org.deepchrome.core.matrix.Threshold;
import org.deepchrome.model.CnnModel;
import org.deepchrome.model.DeepChromeModel;
import org.deepchrome.model.ModelFile;
import org.deepchrome.model.NativeRuntime;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.RegressionMetrics;
import org.deepchrome.model.RocAuc;
import org.deepchrome.model.Task;
import org.deepchrome.model.attentive.AttentiveInference;
import org.deepchrome.model.attentive.AttentiveModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** deepchrome-predict: scores every gene of a matrix with a trained model; evaluates when labels are present. */
@Command(name = "deepchrome-predict", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Applies a model written by deepchrome-train (any kind) to a DeepChrome matrix and writes, per gene, "
                + "the probability of high expression and the call (1 when it is at least 0.5).",
            "The model's transform is applied; a matrix whose marks, mark order or bin count differ from the "
                + "model's is refused. When the matrix has labels, the exact ROC AUC (ties count one half), the "
                + "accuracy and the ROC curve are written too, and 'AUC <x> accuracy <y>' is printed.",
            "A matrix without labels (e.g. a computeMatrix file) is evaluated too when --expression gives the "
                + "genes' levels: label 1 above the median of the genes' values, as bin-signals labels.",
            "The matrix is read and scored a chunk of genes at a time: what is kept per gene is its id and score, "
                + "not its values.",
            "",
            "A regression model (deepchrome-train --task regression) writes gene_id, predicted[, predicted_log1p]"
                + "[, observed]: the expression level on its original scale (the model's target transform, e.g. "
                + "log1p, undone), and on the model's own scale in a column named after the transform (none: no such "
                + "column). "
                + "Observed levels come from --expression TABLE or the matrix's expression column; with them the "
                + "metrics JSON holds Pearson r, Spearman rho, R² and RMSE, computed on the model's (transformed) "
                + "scale, which it names (target_transform), and 'r <x> rho <y> R2 <z> RMSE <w>' is printed.",
            "",
            "Example: deepchrome-predict --model e012.cnn.zip --input split/test.csv --output test.predictions.tsv"},
        footer = {"", "Exit status: 0 done; 2 bad input or usage (one line on stderr); 1 internal error."})
public final class Predict implements Callable<Integer> {
    /**
     * Genes read and scored at a time: the matrix's values are never held whole (only the
     * genes' ids, scores and labels are kept). A multiple of the CNN's and the attentive
     * model's inference chunks, so that every inference batch holds the genes it holds when
     * a matrix is scored in one piece, and the numbers are the same to the last bit.
     * 4,096 genes of 5 marks x 100 bins are 8 MB of floats.
     */
    static final int CHUNK_GENES = 8 * CnnModel.INFERENCE_CHUNK;
    /** A status line each time this many more genes are scored. */
    private static final int PROGRESS_GENES = 50_000;

    static {
        if (CHUNK_GENES % AttentiveInference.CHUNK != 0) {
            throw new AssertionError("CHUNK_GENES must be a multiple of the attentive inference chunk");
        }
    }

    /** Genes per chunk; tests stream small matrices in several chunks. */
    int chunkGenes = CHUNK_GENES;

    @Option(names = "--model", required = true, paramLabel = "MODEL.zip", description = "Model from deepchrome-train.")
    Path modelFile;

    @Option(names = "--input", required = true, paramLabel = "MATRIX.csv[.gz]",
            description = "Matrix to score (labels optional).")
    Path inputFile;

    @Option(names = "--output", required = true, paramLabel = "PREDICTIONS.tsv",
            description = "gene_id, probability_high, predicted_label[, label]; regression: gene_id, predicted"
                + "[, predicted_log1p][, observed].")
    Path output;

    @Option(names = "--expression", paramLabel = "TABLE",
            description = "Expression table (header; first column gene id; value column --expression-column or the "
                + "first numeric one). Regression models: the observed levels (default: the matrix's expression "
                + "column, if any). Classifiers, on a matrix without labels (e.g. a computeMatrix file): labels, 1 "
                + "above the median of the matrix's genes' values as bin-signals labels; genes without a value are "
                + "left out.")
    Path expressionTable;

    @Option(names = "--expression-column", paramLabel = "NAME", description = "Value column of --expression.")
    String expressionColumn;

    @Option(names = "--metrics", paramLabel = "METRICS.json",
            description = "Evaluation (default PREDICTIONS.metrics.json; only with labels or observed levels).")
    Path metricsFile;

    @Option(names = "--roc", paramLabel = "ROC.tsv",
            description = "ROC points (default PREDICTIONS.roc.tsv; only with labels).")
    Path rocFile;

    @Option(names = "--attention", paramLabel = "ATTENTION.tsv[.gz]",
            description = "Attentive models only (classification or regression): the attention weights of every gene, one "
                + "row per gene, mark and bin: gene_id, mark, bin, alpha (bin attention), beta (mark attention).")
    Path attentionFile;

    @Mixin
    CommonOptions common;

    public static void main(String[] args) {
        ToolRunner.main(new Predict(), args);
    }

    @Override
    public Integer call() throws IOException {
        NativeRuntime.configure(common.threads());
        DeepChromeModel model = ModelFile.load(modelFile);
        try (MatrixStream matrix = MatrixStream.open(inputFile)) {
            GeneMatrix first = matrix.next(chunkGenes);
            if (attentionFile != null && !(model instanceof AttentiveModel)) {
                throw new BadInputException(modelFile + ": --attention needs an attentive model; this one is of kind "
                        + model.kind());
            }
            model.checkCompatible(first, inputFile);
            if (attentionFile != null) {
                OutputTarget.requireWritableFile(attentionFile);
            }
            return model.isRegression() ? regression(model, matrix, first) : classification(model, matrix, first);
        }
    }

    /**
     * P(high) of every gene; evaluated against the matrix's labels, or against labels from
     * --expression for a matrix without them (the bin-signals rule: 1 above the median).
     */
    private Integer classification(DeepChromeModel model, MatrixStream matrix, GeneMatrix first) throws IOException {
        Map<String, Double> table = null;
        if (expressionTable != null) {
            if (matrix.hasLabels()) {
                throw new BadInputException(inputFile + ": the matrix has a label column; --expression labels only "
                        + "matrices without one (leave it out to evaluate against these labels)");
            }
            table = ExpressionTable.read(expressionTable, expressionColumn);
        }
        boolean evaluate = matrix.hasLabels() || table != null;
        Path metrics = metricsFile != null ? metricsFile : sibling(output, ".metrics.json");
        Path roc = rocFile != null ? rocFile : sibling(output, ".roc.tsv");
        OutputTarget.requireWritableFile(output);
        if (evaluate) {
            OutputTarget.requireWritableFile(metrics);
            OutputTarget.requireWritableFile(roc);
        }
        // The attention table is written while scoring but committed only once nothing can fail
        // any more (a bad row at the end of the matrix, ids that match no expression value).
        try (AtomicFile attention = attentionFile == null ? null : AtomicFile.create(attentionFile)) {
            ScoredGenes scored = score(model, matrix, first, attention);
            if (table != null) {
                scored = labelFromExpression(scored, table);
            }
            if (attention != null) {
                attention.commit();
            }
            writePredictions(scored, output);
            if (evaluate) {
                Evaluation evaluation = Evaluation.of(scored.outputs(), scored.labels());
                writeMetrics(model, evaluation, metrics);
                writeRoc(evaluation, roc);
                System.out.println(evaluation.summaryLine());
            }
        }
        return 0;
    }

    /**
     * Scores the matrix chunk by chunk ({@link #chunkGenes} genes at a time, so memory does not
     * grow with the matrix): P(high), or a regression model's level on its target scale. With an
     * attentive model and --attention, its rows go to {@code attention} on the way.
     */
    private ScoredGenes score(DeepChromeModel model, MatrixStream matrix, GeneMatrix first, AtomicFile attention)
            throws IOException {
        ScoredGenes scored = new ScoredGenes(matrix.hasLabels(), matrix.hasTargets());
        AttentionTable table = attention == null ? null : new AttentionTable((AttentiveModel) model, attention.writer());
        long start = System.nanoTime();
        long nextReport = PROGRESS_GENES;
        try (model) { // stops the CNN's inference workers
            for (GeneMatrix chunk = first; chunk != null; chunk = matrix.next(chunkGenes)) {
                double[] out = table != null ? table.scoreAndWrite(chunk)
                        : model.isRegression() ? model.predictLevel(chunk) : model.probabilityHigh(chunk);
                scored.add(chunk, out);
                if (scored.size() >= nextReport) {
                    common.reporter().status(String.format(Locale.ROOT, "%,d genes read and scored", scored.size()));
                    nextReport += PROGRESS_GENES;
                }
            }
        }
        if (table != null) {
            table.finish();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        common.reporter().status(String.format(Locale.ROOT, "scored %d genes with the %s %s model in %.2f s (%.0f "
                + "genes/s, reading the matrix included)", scored.size(), model.kind(), model.task().id(), seconds,
                scored.size() / Math.max(seconds, 1e-9)));
        return scored;
    }

    /** The genes with a value in the table, labelled by the bin-signals rule; the others are left out with a warning. */
    private ScoredGenes labelFromExpression(ScoredGenes scored, Map<String, Double> table) {
        ExpressionLabels.Labelled labelled = ExpressionLabels.label(scored.ids(), table, Threshold.MEDIAN);
        if (labelled == null) {
            throw new BadInputException(inputFile + ": no gene has an expression value in " + expressionTable
                    + " (gene ids differ?)");
        }
        int left = labelled.leftOut(scored.size());
        if (left > 0) {
            common.reporter().warning(String.format(Locale.ROOT, "%s: %d of %d genes have no expression value in %s; "
                    + "they are left out of the predictions and the metrics", inputFile, left, scored.size(),
                    expressionTable));
        }
        common.reporter().status(String.format(Locale.ROOT, "labels from %s: median %.6g, %d genes high (1), %d low (0)",
                expressionTable, labelled.cut(), labelled.high(), labelled.labels().length - labelled.high()));
        return scored.labelled(labelled.genes(), labelled.labels());
    }

    /**
     * Levels of a regression model: written on the original scale (and on the model's own), evaluated on the
     * model's own (transformed) scale, where it was trained and chose its epoch.
     */
    private Integer regression(DeepChromeModel model, MatrixStream matrix, GeneMatrix first) throws IOException {
        Map<String, Double> table = expressionTable == null ? null
                : ExpressionTable.read(expressionTable, expressionColumn);
        boolean withObserved = table != null || matrix.hasTargets();
        Path metrics = metricsFile != null ? metricsFile : sibling(output, ".metrics.json");
        OutputTarget.requireWritableFile(output);
        if (withObserved) {
            OutputTarget.requireWritableFile(metrics);
        }
        try (AtomicFile attention = attentionFile == null ? null : AtomicFile.create(attentionFile)) {
            ScoredGenes scored = score(model, matrix, first, attention);
            float[] observed = withObserved ? observedLevels(scored, table) : null;
            if (attention != null) {
                attention.commit();
            }
            writeLevels(model.targetTransform(), scored, observed, output);
            if (observed != null) {
                writeRegressionMetrics(model, scored.outputs(), observed, metrics);
            }
        }
        return 0;
    }

    /** The level file: gene_id, predicted (original scale)[, predicted_TRANSFORM (the model's scale)][, observed]. */
    private static void writeLevels(InputTransform scale, ScoredGenes scored, float[] observed, Path target)
            throws IOException {
        boolean modelScale = scale != InputTransform.NONE; // else the same numbers twice
        try (AtomicFile out = AtomicFile.create(target)) {
            Writer w = out.writer();
            w.write("gene_id\tpredicted" + (modelScale ? "\tpredicted_" + scale.id() : "")
                    + (observed != null ? "\tobserved\n" : "\n"));
            double[] level = scored.outputs();
            for (int g = 0; g < scored.size(); g++) {
                w.write(scored.ids().get(g));
                w.write(String.format(Locale.ROOT, "\t%.6g", scale.invert(level[g])));
                if (modelScale) {
                    w.write(String.format(Locale.ROOT, "\t%.6g", level[g]));
                }
                if (observed != null) {
                    w.write(Float.isNaN(observed[g]) ? "\tNA" : "\t" + observed[g]);
                }
                w.write('\n');
            }
            w.flush();
            out.commit();
        }
    }

    private static void writeRegressionMetrics(DeepChromeModel model, double[] level, float[] observed, Path target)
            throws IOException {
        InputTransform scale = model.targetTransform();
        int n = 0;
        for (float o : observed) {
            n += Float.isNaN(o) ? 0 : 1;
        }
        double[] p = new double[n];
        double[] o = new double[n];
        for (int g = 0, i = 0; g < observed.length; g++) {
            if (!Float.isNaN(observed[g])) {
                p[i] = level[g];
                o[i++] = scale.apply(observed[g]);
            }
        }
        RegressionMetrics e = RegressionMetrics.of(p, o);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.kind().id());
        m.put("task", Task.REGRESSION.id());
        m.put("pearson_r", finiteOrNull(e.pearsonR()));
        m.put("spearman_rho", finiteOrNull(e.spearmanRho()));
        m.put("r2", finiteOrNull(e.r2()));
        m.put("rmse", finiteOrNull(e.rmse()));
        m.put("genes", e.genes());
        m.put("target_transform", scale.id()); // the scale of r2 and rmse (and of r)
        AtomicFile.writeString(target, ModelFile.json().writeValueAsString(m) + "\n");
        System.out.println(String.format(Locale.ROOT, "r %.4f rho %.4f R2 %.4f RMSE %.4f (%s scale, %d genes)",
                e.pearsonR(), e.spearmanRho(), e.r2(), e.rmse(), scale.id(), e.genes()));
    }

    /** Observed levels per gene (NaN = none) from --expression (when given) or the matrix's column. */
    private float[] observedLevels(ScoredGenes scored, Map<String, Double> table) {
        if (table == null) {
            return scored.targets();
        }
        float[] observed = new float[scored.size()];
        int found = 0;
        for (int g = 0; g < observed.length; g++) {
            Double v = table.get(scored.ids().get(g));
            observed[g] = v == null ? Float.NaN : v.floatValue();
            found += v == null ? 0 : 1;
        }
        if (found == 0) {
            throw new BadInputException(inputFile + ": no gene has an expression value in " + expressionTable
                    + " (gene ids differ?)");
        }
        if (found < observed.length) {
            common.reporter().warning(String.format(Locale.ROOT, "%s: %d of %d genes have no expression value in %s; "
                    + "they are left out of the metrics", inputFile, observed.length - found, observed.length,
                    expressionTable));
        }
        return observed;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static void writePredictions(ScoredGenes scored, Path target) throws IOException {
        int[] labels = scored.labels();
        double[] probability = scored.outputs();
        try (AtomicFile out = AtomicFile.create(target)) {
            Writer w = out.writer();
            w.write("gene_id\tprobability_high\tpredicted_label");
            w.write(labels != null ? "\tlabel\n" : "\n");
            StringBuilder line = new StringBuilder(64);
            for (int g = 0; g < scored.size(); g++) {
                line.setLength(0);
                line.append(scored.ids().get(g)).append('\t')
                        .append(String.format(Locale.ROOT, "%.6f", probability[g])).append('\t')
                        .append(probability[g] >= 0.5 ? 1 : 0);
                if (labels != null) {
                    line.append('\t').append(labels[g]);
                }
                w.append(line).append('\n');
            }
            w.flush();
            out.commit();
        }
    }


    private static void writeMetrics(DeepChromeModel model, Evaluation e, Path target) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.kind().id());
        m.put("task", Task.CLASSIFICATION.id());
        m.put("auc", Double.isNaN(e.auc()) ? null : e.auc());
        m.put("accuracy", e.accuracy());
        m.put("genes", e.genes());
        m.put("positives", e.positives());
        AtomicFile.writeString(target, ModelFile.json().writeValueAsString(m) + "\n");
    }

    private static void writeRoc(Evaluation e, Path target) throws IOException {
        try (AtomicFile out = AtomicFile.create(target)) {
            Writer w = out.writer();
            w.write("false_positive_rate\ttrue_positive_rate\tthreshold\n");
            for (RocAuc.Point p : e.roc()) {
                w.write(String.format(Locale.ROOT, "%.6f\t%.6f\t%s%n", p.falsePositiveRate(), p.truePositiveRate(),
                        Double.isInfinite(p.threshold()) ? "Inf" : String.format(Locale.ROOT, "%.6f", p.threshold())));
            }
            w.flush();
            out.commit();
        }
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** Scores checked against labels; the AUC is NaN when only one class is present. */
    record Evaluation(double auc, double accuracy, int genes, long positives, List<RocAuc.Point> roc) {
        static Evaluation of(double[] scores, int[] labels) {
            long positives = java.util.Arrays.stream(labels).filter(l -> l == 1).count();
            boolean bothClasses = positives > 0 && positives < labels.length;
            double auc = bothClasses ? RocAuc.auc(scores, labels) : Double.NaN;
            return new Evaluation(auc, RocAuc.accuracy(scores, labels), labels.length, positives,
                    RocAuc.curve(scores, labels));
        }

        String summaryLine() {
            return String.format(Locale.ROOT, "AUC %s accuracy %.4f",
                    Double.isNaN(auc) ? "NA (one class only)" : String.format(Locale.ROOT, "%.4f", auc), accuracy);
        }
    }
}
