package org.deepchrome.predict;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.cli.CommonOptions;
import org.deepchrome.core.cli.ToolRunner;
import org.deepchrome.core.cli.VersionProvider;
import org.deepchrome.core.io.AtomicFile;
import org.deepchrome.core.io.OutputTarget;
import org.deepchrome.core.matrix.ExpressionTable;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.model.DeepChromeModel;
import org.deepchrome.model.ModelFile;
import org.deepchrome.model.NativeRuntime;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.RegressionMetrics;
import org.deepchrome.model.RocAuc;
import org.deepchrome.model.Task;
import org.deepchrome.model.attentive.AttentiveModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
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
            "",
            "A regression model (deepchrome-train --task regression) writes gene_id, predicted[, observed]: the "
                + "expression level on its original scale (the model's target transform, e.g. log1p, undone). "
                + "Observed levels come from --expression TABLE or the matrix's expression column; with them the "
                + "metrics JSON holds Pearson r, Spearman rho, R² and RMSE, computed on the model's (transformed) "
                + "scale, which it names (target_transform), and 'r <x> rho <y> R2 <z> RMSE <w>' is printed.",
            "",
            "Example: deepchrome-predict --model e012.cnn.zip --input split/test.csv --output test.predictions.tsv"},
        footer = {"", "Exit status: 0 done; 2 bad input or usage (one line on stderr); 1 internal error."})
public final class Predict implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL.zip", description = "Model from deepchrome-train.")
    Path modelFile;

    @Option(names = "--input", required = true, paramLabel = "MATRIX.csv[.gz]",
            description = "Matrix to score (labels optional).")
    Path inputFile;

    @Option(names = "--output", required = true, paramLabel = "PREDICTIONS.tsv",
            description = "gene_id, probability_high, predicted_label[, label]; regression: gene_id, predicted[, observed].")
    Path output;

    @Option(names = "--expression", paramLabel = "TABLE",
            description = "Regression models: observed levels (header; first column gene id; value column "
                + "--expression-column or the first numeric one). Default: the matrix's expression column, if any.")
    Path expressionTable;

    @Option(names = "--expression-column", paramLabel = "NAME", description = "Value column of --expression.")
    String expressionColumn;

    @Option(names = "--metrics", paramLabel = "METRICS.json",
            description = "Evaluation (default PREDICTIONS.metrics.json; only when the input has labels).")
    Path metricsFile;

    @Option(names = "--roc", paramLabel = "ROC.tsv",
            description = "ROC points (default PREDICTIONS.roc.tsv; only when the input has labels).")
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
        if (expressionTable != null && !model.isRegression()) {
            throw new BadInputException("--expression gives observed levels for a regression model; " + modelFile
                    + " is a " + model.kind() + " classifier");
        }
        GeneMatrix matrix = MatrixReader.read(inputFile);
        if (attentionFile != null && !(model instanceof AttentiveModel)) {
            throw new BadInputException(modelFile + ": --attention needs an attentive model; this one is of kind "
                    + model.kind());
        }
        model.checkCompatible(matrix, inputFile);
        if (attentionFile != null) {
            OutputTarget.requireWritableFile(attentionFile);
        }
        if (model.isRegression()) {
            return regression(model, matrix);
        }
        Path metrics = metricsFile != null ? metricsFile : sibling(output, ".metrics.json");
        Path roc = rocFile != null ? rocFile : sibling(output, ".roc.tsv");
        OutputTarget.requireWritableFile(output);
        if (matrix.hasLabels()) {
            OutputTarget.requireWritableFile(metrics);
            OutputTarget.requireWritableFile(roc);
        }

        long start = System.nanoTime();
        double[] probability;
        try (model) { // stops the CNN's inference workers
            probability = attentionFile != null
                    ? AttentionTable.scoreAndWrite((AttentiveModel) model, matrix, attentionFile)
                    : model.probabilityHigh(matrix);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        common.reporter().status(String.format(Locale.ROOT, "scored %d genes with the %s model in %.2f s (%.0f genes/s)",
                matrix.geneCount(), model.kind(), seconds, matrix.geneCount() / Math.max(seconds, 1e-9)));
        Evaluation evaluation = matrix.hasLabels() ? Evaluation.of(probability, matrix.labels()) : null;

        writePredictions(matrix, probability, output);
        if (evaluation != null) {
            writeMetrics(model, evaluation, metrics);
            writeRoc(evaluation, roc);
            System.out.println(evaluation.summaryLine());
        }
        return 0;
    }

    /**
     * Levels of a regression model: written on the original scale, evaluated on the model's own
     * (transformed) scale, where it was trained and chose its epoch.
     */
    private Integer regression(DeepChromeModel model, GeneMatrix matrix) throws IOException {
        float[] observed = observedLevels(matrix);
        Path metrics = metricsFile != null ? metricsFile : sibling(output, ".metrics.json");
        OutputTarget.requireWritableFile(output);
        if (observed != null) {
            OutputTarget.requireWritableFile(metrics);
        }
        long start = System.nanoTime();
        double[] level;
        try (model) {
            level = attentionFile != null
                    ? AttentionTable.scoreAndWrite((AttentiveModel) model, matrix, attentionFile)
                    : model.predictLevel(matrix);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        common.reporter().status(String.format(Locale.ROOT, "predicted %d genes with the %s regression model in %.2f s",
                matrix.geneCount(), model.kind(), seconds));
        InputTransform scale = model.targetTransform();
        try (AtomicFile out = AtomicFile.create(output)) {
            Writer w = out.writer();
            w.write(observed != null ? "gene_id\tpredicted\tobserved\n" : "gene_id\tpredicted\n");
            for (int g = 0; g < matrix.geneCount(); g++) {
                w.write(matrix.geneId(g));
                w.write(String.format(Locale.ROOT, "\t%.6g", scale.invert(level[g])));
                if (observed != null) {
                    w.write(Float.isNaN(observed[g]) ? "\tNA" : "\t" + observed[g]);
                }
                w.write('\n');
            }
            w.flush();
            out.commit();
        }
        if (observed == null) {
            return 0;
        }
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
        AtomicFile.writeString(metrics, ModelFile.json().writeValueAsString(m) + "\n");
        System.out.println(String.format(Locale.ROOT, "r %.4f rho %.4f R2 %.4f RMSE %.4f (%s scale, %d genes)",
                e.pearsonR(), e.spearmanRho(), e.r2(), e.rmse(), scale.id(), e.genes()));
        return 0;
    }

    /** Observed levels per gene (NaN = none) from --expression or the matrix's column; null when neither is there. */
    private float[] observedLevels(GeneMatrix matrix) {
        if (expressionTable == null) {
            return matrix.hasTargets() ? matrix.targets() : null;
        }
        Map<String, Double> table = ExpressionTable.read(expressionTable, expressionColumn);
        float[] observed = new float[matrix.geneCount()];
        int found = 0;
        for (int g = 0; g < observed.length; g++) {
            Double v = table.get(matrix.geneId(g));
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

    private static void writePredictions(GeneMatrix matrix, double[] probability, Path target) throws IOException {
        try (AtomicFile out = AtomicFile.create(target)) {
            Writer w = out.writer();
            w.write("gene_id\tprobability_high\tpredicted_label");
            w.write(matrix.hasLabels() ? "\tlabel\n" : "\n");
            StringBuilder line = new StringBuilder(64);
            for (int g = 0; g < matrix.geneCount(); g++) {
                line.setLength(0);
                line.append(matrix.geneId(g)).append('\t')
                        .append(String.format(Locale.ROOT, "%.6f", probability[g])).append('\t')
                        .append(probability[g] >= 0.5 ? 1 : 0);
                if (matrix.hasLabels()) {
                    line.append('\t').append(matrix.label(g));
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
