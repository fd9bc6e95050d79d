package org.deepchrome.train;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.cli.Progress;
import org.deepchrome.core.cli.Reporter;
import org.deepchrome.core.cli.VersionProvider;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.model.CnnArchitecture;
import org.deepchrome.model.CnnModel;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.ModelMetadata;
import org.deepchrome.model.NativeRuntime;
import org.deepchrome.model.RegressionMetrics;
import org.deepchrome.model.RocAuc;
import org.deepchrome.model.Task;
import org.deepchrome.model.kernel.CnnInference;
import org.deepchrome.model.kernel.CnnParameters;
import org.deepchrome.model.kernel.CnnTraining;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Trains the DeepChrome CNN by minibatch gradient descent and keeps the epoch with the best
 * validation AUC (the paper's rule) — for regression, the best validation Pearson r of the
 * one-output network trained on mean squared error — optionally stopping after {@code patience}
 * epochs without improvement. DL4J defines and initialises the network and stores the result;
 * the passes themselves run in {@link CnnTraining} (same arithmetic, several times faster).
 * Every source of randomness derives from the seed: initial weights (DL4J), dropout masks
 * and the minibatch order (java.util.Random).
 */
public final class CnnTrainer {
    private final TrainingSettings settings;
    private final Reporter reporter;

    public CnnTrainer(TrainingSettings settings, Reporter reporter) {
        this.settings = settings;
        this.reporter = reporter;
    }

    public TrainingResult train(GeneMatrix train, GeneMatrix valid) {
        int marks = train.markCount();
        int bins = train.bins();
        MultiLayerNetwork network = CnnArchitecture.build(marks, bins, settings.seed(), settings.optimizer(),
                settings.learningRate(), settings.task());
        CnnParameters parameters = CnnParameters.fromNetwork(network, marks, bins);
        CnnTraining training = new CnnTraining(parameters, settings.optimizer(), settings.learningRate(),
                settings.batchSize(), settings.seed());
        try (CnnInference validation = new CnnInference(parameters, CnnModel.INFERENCE_CHUNK, NativeRuntime.threads())) {
            return train(train, valid, network, parameters, training, validation);
        }
    }

    private TrainingResult train(GeneMatrix train, GeneMatrix valid, MultiLayerNetwork network,
                                 CnnParameters parameters, CnnTraining training, CnnInference validation) {
        int genes = train.geneCount();
        float[] inputs = CnnModel.prepareInput(train, settings.transform(), 0, genes); // transformed once
        float[] validInputs = CnnModel.prepareInput(valid, settings.transform(), 0, valid.geneCount());
        boolean regression = settings.regression();
        int[] labels = regression ? null : train.labels();
        int[] validLabels = regression ? null : valid.labels();
        float[] targets = regression ? RegressionTargets.transformed(train, settings.targetTransform()) : null;
        double[] validTargets = regression ? toDouble(RegressionTargets.transformed(valid, settings.targetTransform()))
                : null;
        String scoreName = regression ? "valid_r" : "valid_auc";
        Random shuffler = new Random(settings.seed());
        int[] order = new int[genes];
        for (int i = 0; i < genes; i++) {
            order[i] = i;
        }

        List<EpochResult> history = new ArrayList<>();
        CnnParameters best = null;
        int bestEpoch = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        int batches = (genes + settings.batchSize() - 1) / settings.batchSize();
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            long start = System.nanoTime();
            shuffle(order, shuffler);
            double loss;
            // A bar on a terminal only; logs get the one summary line per epoch below.
            try (Progress progress = new Progress("epoch " + epoch + "/" + settings.epochs(), batches,
                    reporter.quiet())) {
                loss = regression ? training.epoch(inputs, targets, order, () -> progress.advance(1))
                        : training.epoch(inputs, labels, order, () -> progress.advance(1));
            }
            if (!Double.isFinite(loss)) {
                throw diverged(epoch, "the training loss became " + loss);
            }
            double[] scores = validation.probabilityHigh(validInputs, valid.geneCount());
            if (!Arrays.stream(scores).allMatch(Double::isFinite)) {
                throw diverged(epoch, "the validation scores are no longer finite numbers");
            }
            // A network whose outputs are all equal has no r (NaN): it counts as no better than any.
            double score = regression ? RegressionMetrics.pearson(scores, validTargets) : RocAuc.auc(scores, validLabels);
            double seconds = (System.nanoTime() - start) / 1e9;
            history.add(new EpochResult(epoch, loss, score, seconds));
            boolean improved = best == null || score > bestScore;
            if (improved) {
                bestScore = Double.isNaN(score) ? Double.NEGATIVE_INFINITY : score;
                bestEpoch = epoch;
                best = parameters.copy();
            }
            report(String.format(Locale.ROOT, "epoch %d/%d: train_loss %.4f %s %.4f (%.1f s)%s", epoch,
                    settings.epochs(), loss, scoreName, score, seconds, improved ? " best" : ""));
            if (settings.patience() > 0 && epoch - bestEpoch >= settings.patience()) {
                report("no better validation " + (regression ? "r" : "AUC") + " for " + settings.patience()
                        + " epochs; stopping");
                break;
            }
        }
        best.copyInto(network);
        double kept = history.get(bestEpoch - 1).validScore();
        return new TrainingResult(new CnnModel(metadata(train, bestEpoch, kept), network), history, bestEpoch, kept);
    }

    /** Divergence depends on the options, not on a bug: one line, exit 2, and nothing is written. */
    private BadInputException diverged(int epoch, String what) {
        return new BadInputException(String.format(Locale.ROOT, "training diverged in epoch %d: %s; try a smaller "
                + "--learning-rate (got %s with --optimizer %s)", epoch, what, settings.learningRate(),
                settings.optimizer()));
    }

    private ModelMetadata metadata(GeneMatrix train, int bestEpoch, double score) {
        if (settings.regression()) {
            return new ModelMetadata(ModelMetadata.FORMAT, ModelKind.CNN, train.marks(), train.bins(),
                    settings.transform(), settings.seed(), VersionProvider.suiteVersion(), bestEpoch, Double.NaN,
                    settings.asOptions(), NativeRuntime.libraryVersions(), Task.REGRESSION, settings.targetTransform(),
                    score);
        }
        return new ModelMetadata(ModelMetadata.FORMAT, ModelKind.CNN, train.marks(), train.bins(), settings.transform(),
                settings.seed(), VersionProvider.suiteVersion(), bestEpoch, score, settings.asOptions(),
                NativeRuntime.libraryVersions());
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private void report(String line) {
        reporter.status(line);
    }
}
