package org.deepchrome.train;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.cli.CommonOptions;
import org.deepchrome.core.cli.ToolRunner;
import org.deepchrome.core.cli.VersionProvider;
import org.deepchrome.core.io.AtomicFile;
import org.deepchrome.core.io.OutputTarget;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.model.CnnArchitecture;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.ModelFile;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.NativeRuntime;
import org.deepchrome.model.Optimizer;
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
            "",
            "Example: deepchrome-train --train split/train.csv --valid split/valid.csv --output e012.cnn.zip"},
        footer = {"", "Exit status: 0 done; 2 bad input or usage (one line on stderr); 1 internal error."})
public final class Train implements Callable<Integer> {
    @Option(names = "--train", required = true, paramLabel = "TRAIN.csv[.gz]",
            description = "Training matrix; needs the label column.")
    Path trainFile;

    @Option(names = "--valid", required = true, paramLabel = "VALID.csv[.gz]",
            description = "Validation matrix (labels needed): picks the best epoch.")
    Path validFile;

    @Option(names = "--output", required = true, paramLabel = "MODEL.zip", description = "Model file to write.")
    Path output;

    @Option(names = "--model-type", paramLabel = "TYPE",
            description = "${COMPLETION-CANDIDATES}: cnn is the paper's network, rf a random forest, svm a linear "
                + "SVM, logistic a logistic regression, attentive AttentiveChrome (LSTMs with attention; "
                + "Adam only) (default: cnn).")
    ModelKind modelType = ModelKind.CNN;

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

    @Option(names = "--transform", paramLabel = "NAME", defaultValue = "log1p",
            description = "Input transform, recorded in the model: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    InputTransform transform;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "0",
            description = "Stop after N epochs without a better validation AUC (0, the default: run all epochs).")
    int patience;

    @Option(names = "--trees", paramLabel = "N", defaultValue = "100",
            description = "Trees of the random forest (default ${DEFAULT-VALUE}).")
    int trees;

    @Option(names = "--c", paramLabel = "C[,C...]", split = ",", defaultValue = "0.001,0.01,0.1,1",
            description = "svm/logistic: inverse regularisation C; each is fitted and the one with the best "
                + "validation AUC kept (default ${DEFAULT-VALUE}).")
    List<Double> costs;

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
        requireTrainable(train, trainFile);
        requireTrainable(valid, validFile);
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
            case ATTENTIVE -> new AttentiveTrainer(settings, common.threads(), false, common.reporter())
                    .train(train, valid);
            default -> new BaselineTrainer(settings, common.threads(), common.reporter()).train(train, valid);
        };
        double seconds = (System.nanoTime() - start) / 1e9;

        ModelFile.save(result.model(), output);
        writeEpochs(result, metrics);
        writeSummary(result, settings, train, valid, seconds, summary);
        common.reporter().status(String.format(Locale.ROOT, "wrote %s (%s, best epoch %d, valid AUC %.4f)", output,
                settings.kind(), result.bestEpoch(), result.bestValidAuc()));
        return 0;
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
        return new TrainingSettings(modelType, epochs, batchSize, learningRate, optimizer, transform, patience, seed, trees, List.copyOf(costs));
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

    private static void writeEpochs(TrainingResult result, Path target) throws IOException {
        try (AtomicFile out = AtomicFile.create(target)) {
            Writer w = out.writer();
            w.write("epoch\ttrain_loss\tvalid_auc\tseconds\n");
            for (EpochResult e : result.epochs()) {
                w.write(String.format(Locale.ROOT, "%d\t%s\t%.6f\t%.3f%n", e.epoch(),
                        Double.isNaN(e.trainLoss()) ? "NA" : String.format(Locale.ROOT, "%.6f", e.trainLoss()),
                        e.validAuc(), e.seconds()));
            }
            w.flush();
            out.commit();
        }
    }

    private void writeSummary(TrainingResult result, TrainingSettings settings, GeneMatrix train, GeneMatrix valid,
                              double seconds, Path target) throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("model", settings.kind().id());
        s.put("model_file", output.toString());
        s.put("seed", settings.seed());
        s.put("best_epoch", result.bestEpoch());
        s.put("valid_auc", result.bestValidAuc());
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
