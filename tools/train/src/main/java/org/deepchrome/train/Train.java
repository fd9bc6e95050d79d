package org.deepchrome.train;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.cli.CommonOptions;
import org.deepchrome.core.cli.ToolRunner;
import org.deepchrome.core.cli.VersionProvider;
import org.deepchrome.core.io.AtomicFile;
import org.deepchrome.core.io.OutputTarget;
import org.deepchrome.core.matrix.ExpressionLabels;
import org.deepchrome.core.matrix.ExpressionTable;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.core.matrix.Threshold;
import org.deepchrome.model.CnnArchitecture;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.ModelFile;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.NativeRuntime;
import org.deepchrome.model.Optimizer;
import org.deepchrome.model.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** deepchrome-train: fits the DeepChrome CNN or a comparison model and writes one model file. */
@Command(name = "deepchrome-train", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Trains the DeepChrome CNN (Singh et al. 2016) or one of the paper's comparison models on a "
                + "DeepChrome matrix with labels, keeps the epoch with the best validation ROC AUC and writes "
                + "it as MODEL (a zip recording kind, marks, bins and transform, read by deepchrome-predict "
                + "and deepchrome-visualize).",
            "Also writes the per-epoch table (epoch, train_loss, valid_auc, seconds) and a JSON summary.",
            "With --task regression it learns each gene's expression level instead (targets from --expression "
                + "TABLE or the matrix's expression column, transformed by --target-transform); the best epoch is "
                + "the one with the best validation Pearson r (column valid_r).",
            "",
            "Example: deepchrome-train --train split/train.csv --valid split/valid.csv --output e012.cnn.zip"},
        footer = {"", "Exit status: 0 done; 2 bad input or usage (one line on stderr); 1 internal error."})
public final class Train implements Callable<Integer> {
    @Option(names = "--train", required = true, paramLabel = "TRAIN.csv[.gz]",
            description = "Training matrix; needs the label column (classification; or labels from --expression for a "
                + "matrix without one, e.g. a computeMatrix file) or levels (regression: see --expression).")
    Path trainFile;

    @Option(names = "--valid", required = true, paramLabel = "VALID.csv[.gz]",
            description = "Validation matrix (labels or levels needed, as for --train): picks the best epoch.")
    Path validFile;

    @Option(names = "--output", required = true, paramLabel = "MODEL.zip", description = "Model file to write.")
    Path output;

    @Option(names = "--model-type", paramLabel = "TYPE",
            description = "${COMPLETION-CANDIDATES}: cnn is the paper's network, rf a random forest, svm a linear "
                + "SVM, logistic a logistic regression (classification only), ridge a ridge regression "
                + "(regression only), attentive AttentiveChrome (LSTMs with attention; Adam only; both tasks) "
                + "(default: cnn).")
    ModelKind modelType = ModelKind.CNN;

    @Option(names = "--task", paramLabel = "TASK", defaultValue = "classification",
            description = "${COMPLETION-CANDIDATES}: classification learns the labels (high/low, the paper's task); "
                + "regression learns the expression level (default ${DEFAULT-VALUE}).")
    Task task;

    @Option(names = "--expression", paramLabel = "TABLE",
            description = "Expression table with a header, first column the gene id (matched to the matrices' ids), "
                + "values from --expression-column or the first numeric column. Regression: the targets (without it, "
                + "the matrices' expression column). Classification: labels for matrices without a label column "
                + "(e.g. computeMatrix files), 1 above the median of the matrix's genes' values, as bin-signals labels; "
                + "genes without a value are left out.")
    Path expressionTable;

    @Option(names = "--expression-column", paramLabel = "NAME", description = "Value column of --expression.")
    String expressionColumn;

    @Option(names = "--target-transform", paramLabel = "NAME", defaultValue = "log1p",
            description = "Regression: transform of the expression level before training, recorded in the model: "
                + "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    InputTransform targetTransform;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "20", description = "CNN epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
            description = "CNN minibatch size (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--learning-rate", paramLabel = "X", defaultValue = "0.001",
            description = "CNN learning rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            description = "CNN optimizer: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Optimizer optimizer;

    @Option(names = "--transform", paramLabel = "NAME",
            description = "Input transform, recorded in the model: ${COMPLETION-CANDIDATES} (default log1p). A signed "
                + "matrix (negative values, e.g. log2 over a control) defaults to none and refuses log1p.")
    InputTransform transform;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "0",
            description = "Stop after N epochs without a better validation AUC (Pearson r with --task regression; 0, the default: "
                + "run all epochs).")
    int patience;

    @Option(names = "--trees", paramLabel = "N", defaultValue = "100",
            description = "Trees of the random forest (default ${DEFAULT-VALUE}).")
    int trees;

    @Option(names = "--c", paramLabel = "C[,C...]", split = ",", defaultValue = "0.001,0.01,0.1,1",
            description = "svm/logistic: inverse regularisation C; each is fitted and the one with the best "
                + "validation AUC kept (default ${DEFAULT-VALUE}).")
    List<Double> costs;

    @Option(names = "--alpha", paramLabel = "A[,A...]", split = ",", defaultValue = "1,3,10,30,100,300,1000,3000,10000,30000,100000",
            description = "ridge: penalty on the standardised weights; each is fitted and the one with the best "
                + "validation Pearson r kept (default ${DEFAULT-VALUE}).")
    List<Double> alphas;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of every random choice; same seed, same machine, same model (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--epoch-table", paramLabel = "EPOCHS.tsv", description = "Per-epoch table (default MODEL.epochs.tsv).")
    Path epochTable;

    @Option(names = "--summary", paramLabel = "SUMMARY.json", description = "JSON summary (default MODEL.summary.json).")
    Path summaryFile;

    @Mixin
    CommonOptions common;

    // Old spellings, kept for one release: they set the same value after a one-line notice.
    @Option(names = "--model", hidden = true, paramLabel = "TYPE")
    void deprecatedModel(ModelKind value) {
        common.reporter().deprecated("--model", "--model-type");
        modelType = value;
    }

    @Option(names = "--metrics", hidden = true, paramLabel = "EPOCHS.tsv")
    void deprecatedMetrics(Path value) {
        common.reporter().deprecated("--metrics", "--epoch-table");
        epochTable = value;
    }

    public static void main(String[] args) {
        ToolRunner.main(new Train(), args);
    }

    @Override
    public Integer call() throws IOException {
        TrainingSettings settings = validateOptions();
        Path metrics = epochTable != null ? epochTable : sibling(output, ".epochs.tsv");
        Path summary = summaryFile != null ? summaryFile : sibling(output, ".summary.json");
        for (Path out : new Path[] {output, metrics, summary}) {
            OutputTarget.requireWritableFile(out);
        }
        if (settings.kind() == ModelKind.CNN) {
            // Only the CNN runs on ND4J and oneDNN; the baselines skip loading them (~1.5 CPU-s).
            NativeRuntime.configure(common.threads());
        }

        GeneMatrix train = MatrixReader.read(trainFile);
        GeneMatrix valid = MatrixReader.read(validFile);
        if (settings.regression()) {
            Map<String, Double> table = expressionTable == null ? null : readTable();
            train = RegressionTargets.attach(train, trainFile, table, expressionTable, targetTransform, common.reporter());
            valid = RegressionTargets.attach(valid, validFile, table, expressionTable, targetTransform, common.reporter());
            requireVaried(valid, validFile);
        } else {
            if (expressionTable != null) { // e.g. computeMatrix files: labels as bin-signals would give them
                Map<String, Double> table = readTable();
                train = labelFromExpression(train, trainFile, table);
                valid = labelFromExpression(valid, validFile, table);
            }
            requireTrainable(train, trainFile);
            requireTrainable(valid, validFile);
        }
        transform = inputTransform(train, trainFile);
        settings = validateOptions();
        if (!valid.marks().equals(train.marks()) || valid.bins() != train.bins()) {
            throw new BadInputException(validFile + ": marks " + valid.marks() + " × " + valid.bins()
                    + " bins differ from the training matrix's " + train.marks() + " × " + train.bins() + " bins");
        }

        int minimumBins = CnnArchitecture.KERNEL + CnnArchitecture.POOL - 1;
        if (settings.kind() == ModelKind.CNN && train.bins() < minimumBins) {
            throw new BadInputException(trainFile + ": " + train.bins() + " bins per gene; the CNN's convolution and "
                    + "pooling need at least " + minimumBins);
        }

        long start = System.nanoTime();
        TrainingResult result = switch (settings.kind()) {
            case CNN -> new CnnTrainer(settings, common.reporter()).train(train, valid);
            case ATTENTIVE -> attentive(settings, train, valid);
            default -> new BaselineTrainer(settings, common.threads(), common.reporter()).train(train, valid);
        };
        double seconds = (System.nanoTime() - start) / 1e9;

        ModelFile.save(result.model(), output);
        writeEpochs(result, settings, metrics);
        writeSummary(result, settings, train, valid, seconds, summary);
        common.reporter().status(String.format(Locale.ROOT, "wrote %s (%s %s, best epoch %d, valid %s %.4f)", output,
                settings.kind(), settings.task(), result.bestEpoch(), settings.regression() ? "r" : "AUC",
                result.bestValidScore()));
        return 0;
    }

    /** AttentiveChrome on the labels, or for regression on the transformed levels (as the regression CNN). */
    private TrainingResult attentive(TrainingSettings settings, GeneMatrix train, GeneMatrix valid) {
        AttentiveTrainer trainer = new AttentiveTrainer(settings, common.threads(), settings.regression(),
                common.reporter());
        if (!settings.regression()) {
            return trainer.train(train, valid);
        }
        return trainer.train(train, valid, RegressionTargets.transformed(train, settings.targetTransform()),
                RegressionTargets.transformed(valid, settings.targetTransform()));
    }

    /** log1p by default; a signed matrix (log2 over a control, first line says so) defaults to none and refuses log1p. */
    private InputTransform inputTransform(GeneMatrix train, Path file) {
        if (!train.signed()) {
            return transform == null ? InputTransform.LOG1P : transform;
        }
        if (transform == InputTransform.LOG1P) {
            throw new BadInputException(file + ": signed matrix (negative values allowed); --transform log1p needs "
                    + "values >= 0: use --transform none (the default for signed matrices)");
        }
        return InputTransform.NONE;
    }

    private TrainingSettings validateOptions() {
        requirePositive("--epochs", epochs);
        requirePositive("--batch-size", batchSize);
        requirePositive("--trees", trees);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new BadInputException("--learning-rate must be a positive number, got " + learningRate);
        }
        if (patience < 0) {
            throw new BadInputException("--patience must be 0 (off) or more, got " + patience);
        }
        for (double c : costs) {
            if (!(c > 0) || Double.isInfinite(c)) {
                throw new BadInputException("--c values must be positive numbers, got " + c);
            }
        }
        for (double a : alphas) {
            if (!(a > 0) || Double.isInfinite(a)) {
                throw new BadInputException("--alpha values must be positive numbers, got " + a);
            }
        }
        if (!modelType.supports(task)) {
            throw new BadInputException("--model-type " + modelType + " is for --task "
                    + (task == Task.REGRESSION ? Task.CLASSIFICATION : Task.REGRESSION) + " only; for " + task
                    + " use " + supportedKinds(task));
        }
        return new TrainingSettings(modelType, epochs, batchSize, learningRate, optimizer, transform, patience, seed,
                trees, List.copyOf(costs), task, targetTransform, List.copyOf(alphas));
    }

    private static String supportedKinds(Task task) {
        return String.join(", ", Arrays.stream(ModelKind.values()).filter(k -> k.supports(task)).map(ModelKind::id)
                .toList());
    }

    /**
     * Classification labels of an unlabelled matrix from the expression table, by the rule
     * bin-signals labels with (1 above the median of the matrix's genes' values); genes without
     * a value are left out. A matrix that has labels is refused: two sources of labels is a mistake.
     */
    private GeneMatrix labelFromExpression(GeneMatrix m, Path file, Map<String, Double> table) {
        if (m.hasLabels()) {
            throw new BadInputException(file + ": the matrix has a label column; --expression labels only matrices "
                    + "without one (leave it out to learn these labels, or add --task regression to learn the levels)");
        }
        ExpressionLabels.Labelled labelled = ExpressionLabels.label(m.geneIds(), table, Threshold.MEDIAN);
        if (labelled == null) {
            throw new BadInputException(file + ": no gene has an expression value in " + expressionTable
                    + " (gene ids differ?)");
        }
        int left = labelled.leftOut(m.geneCount());
        if (left > 0) {
            common.reporter().warning(String.format(Locale.ROOT, "%s: %d of %d genes have no expression value in %s; "
                    + "they are left out", file, left, m.geneCount(), expressionTable));
        }
        common.reporter().status(String.format(Locale.ROOT, "%s: labels from %s, median %.6g: %d genes high (1), %d "
                + "low (0)", file, expressionTable, labelled.cut(), labelled.high(),
                labelled.labels().length - labelled.high()));
        return ExpressionLabels.apply(m, labelled);
    }

    /** The expression table; one that holds no value at all is an error, not 'every gene left out'. */
    private Map<String, Double> readTable() {
        Map<String, Double> table = ExpressionTable.read(expressionTable, expressionColumn);
        if (table.isEmpty()) {
            throw new BadInputException(expressionTable + ": no usable expression value (every value is empty or NA)");
        }
        return table;
    }

    /** Pearson r on the validation genes needs at least two of them with different levels. */
    static void requireVaried(GeneMatrix m, Path file) {
        float first = m.target(0);
        for (int g = 1; g < m.geneCount(); g++) {
            if (m.target(g) != first) {
                return;
            }
        }
        throw new BadInputException(file + ": all " + m.geneCount() + " genes with a value have the same expression "
                + "level; validation needs different levels to choose the model by Pearson r");
    }

    private static void requirePositive(String option, int value) {
        if (value < 1) {
            throw new BadInputException(option + " must be at least 1, got " + value);
        }
    }

    static void requireTrainable(GeneMatrix m, Path file) {
        if (!m.hasLabels()) {
            throw new BadInputException(file + ": no label column; training needs labels "
                    + "(last column 'label', 1 = high, 0 = low)");
        }
        long high = Arrays.stream(m.labels()).filter(l -> l == 1).count();
        if (high == 0 || high == m.geneCount()) {
            throw new BadInputException(file + ": all " + m.geneCount() + " genes have label " + (high == 0 ? 0 : 1)
                    + "; training and validation need both classes");
        }
    }

    static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    private static void writeEpochs(TrainingResult result, TrainingSettings settings, Path target) throws IOException {
        try (AtomicFile out = AtomicFile.create(target)) {
            Writer w = out.writer();
            w.write("epoch\ttrain_loss\t" + (settings.regression() ? "valid_r" : "valid_auc") + "\tseconds\n");
            for (EpochResult e : result.epochs()) {
                w.write(String.format(Locale.ROOT, "%d\t%s\t%.6f\t%.3f%n", e.epoch(),
                        Double.isNaN(e.trainLoss()) ? "NA" : String.format(Locale.ROOT, "%.6f", e.trainLoss()),
                        e.validScore(), e.seconds()));
            }
            w.flush();
            out.commit();
        }
    }

    private void writeSummary(TrainingResult result, TrainingSettings settings, GeneMatrix train, GeneMatrix valid,
                              double seconds, Path target) throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("model", settings.kind().id());
        s.put("task", settings.task().id());
        s.put("model_file", output.toString());
        s.put("seed", settings.seed());
        s.put("best_epoch", result.bestEpoch());
        if (settings.regression()) {
            s.put("valid_r", Double.isNaN(result.bestValidScore()) ? null : result.bestValidScore());
            s.put("target_transform", settings.targetTransform().id());
        } else {
            s.put("valid_auc", result.bestValidScore());
        }
        s.put("epochs_run", result.epochs().size());
        s.put("train_genes", train.geneCount());
        s.put("valid_genes", valid.geneCount());
        s.put("marks", train.marks());
        s.put("bins", train.bins());
        s.put("transform", settings.transform().id());
        s.put("options", settings.asOptions());
        s.put("threads", common.threads());
        s.put("seconds", Math.round(seconds * 1000) / 1000.0);
        s.put("suite_version", VersionProvider.suiteVersion());
        s.put("library_versions", NativeRuntime.libraryVersions());
        AtomicFile.writeString(target, ModelFile.json().writeValueAsString(s) + "\n");
    }
}
