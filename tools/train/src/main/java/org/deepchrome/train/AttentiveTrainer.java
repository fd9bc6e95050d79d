package org.deepchrome.train;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.cli.Progress;
import org.deepchrome.core.cli.Reporter;
import org.deepchrome.core.cli.VersionProvider;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.model.CnnModel;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.ModelMetadata;
import org.deepchrome.model.Optimizer;
import org.deepchrome.model.RegressionMetrics;
import org.deepchrome.model.RocAuc;
import org.deepchrome.model.Task;
import org.deepchrome.model.attentive.AttentiveInference;
import org.deepchrome.model.attentive.AttentiveModel;
import org.deepchrome.model.attentive.AttentiveParameters;
import org.deepchrome.model.attentive.AttentiveTraining;
import org.deepchrome.model.kernel.Sgemm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Trains AttentiveChrome ({@link AttentiveTraining}: Adam, batch size, gradient norm clipped
 * to 1) and keeps the epoch with the best validation AUC (for regression: the best validation
 * Pearson r), optionally stopping after {@code patience} epochs without improvement. The seed
 * fixes the initial weights and the minibatch order; nothing else is random, and the threads
 * only split independent LSTMs, so any {@code --threads} gives the same model.
 */
public final class AttentiveTrainer {
    private final TrainingSettings settings;
    private final int threads;
    private final boolean regression;
    private final Reporter reporter;

    /** {@code regression}: linear output with squared error, targets given to {@link #train(GeneMatrix, GeneMatrix, float[], float[])}. */
    public AttentiveTrainer(TrainingSettings settings, int threads, boolean regression, Reporter reporter) {
        if (settings.optimizer() != Optimizer.ADAM) {
            throw new BadInputException("--optimizer " + settings.optimizer() + ": the attentive model trains with "
                    + "adam only");
        }
        this.settings = settings;
        this.threads = Math.max(1, threads);
        this.regression = regression;
        this.reporter = reporter;
    }

    /** Classification on the matrices' labels. */
    public TrainingResult train(GeneMatrix train, GeneMatrix valid) {
        return train(train, valid, asFloats(train.labels()), asFloats(valid.labels()));
    }

    private static float[] asFloats(int[] labels) {
        float[] f = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            f[i] = labels[i];
        }
        return f;
    }

    /** Trains on {@code targets} (labels 0/1, or regression values already transformed). */
    public TrainingResult train(GeneMatrix train, GeneMatrix valid, float[] targets, float[] validTargets) {
        int marks = train.markCount();
        int bins = train.bins();
        int genes = train.geneCount();
        float[] inputs = CnnModel.prepareInput(train, settings.transform(), 0, genes);
        float[] validInputs = CnnModel.prepareInput(valid, settings.transform(), 0, valid.geneCount());
        double[] validDoubles = CnnTrainer.toDouble(validTargets);
        AttentiveParameters parameters = AttentiveParameters.initial(marks, bins, settings.seed());
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(() -> {
                Sgemm.setThreads(1); // OpenMP settings are per thread
                r.run();
            }, "attentive-training");
            t.setDaemon(true);
            return t;
        }) : null;
        try (AttentiveInference validation = new AttentiveInference(parameters, regression, threads)) {
            AttentiveTraining training = new AttentiveTraining(parameters, settings.learningRate(),
                    settings.batchSize(), regression, pool);
            Random shuffler = new Random(settings.seed());
            int[] order = new int[genes];
            for (int i = 0; i < genes; i++) {
                order[i] = i;
            }
            List<EpochResult> history = new ArrayList<>();
            AttentiveParameters best = null;
            int bestEpoch = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            int batches = (genes + settings.batchSize() - 1) / settings.batchSize();
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                long start = System.nanoTime();
                shuffle(order, shuffler);
                double loss;
                try (Progress progress = new Progress("epoch " + epoch + "/" + settings.epochs(), batches,
                        reporter.quiet())) {
                    loss = training.epoch(inputs, targets, order, () -> progress.advance(1));
                }
                if (!Double.isFinite(loss)) {
                    throw diverged(epoch, "the training loss became " + loss);
                }
                double[] scores = validation.outputs(validInputs, valid.geneCount());
                if (!Arrays.stream(scores).allMatch(Double::isFinite)) {
                    throw diverged(epoch, "the validation outputs are no longer finite numbers");
                }
                // Outputs that are all equal have no r (NaN): such an epoch counts as no better than any.
                double score = regression ? RegressionMetrics.pearson(scores, validDoubles)
                        : RocAuc.auc(scores, valid.labels());
                double seconds = (System.nanoTime() - start) / 1e9;
                history.add(new EpochResult(epoch, loss, score, seconds));
                boolean improved = best == null || score > bestScore;
                if (improved) {
                    bestScore = Double.isNaN(score) ? Double.NEGATIVE_INFINITY : score;
                    bestEpoch = epoch;
                    best = parameters.copy();
                }
                reporter.status(String.format(Locale.ROOT, "epoch %d/%d: train_loss %.4f valid_%s %.4f (%.1f s)%s",
                        epoch, settings.epochs(), loss, regression ? "r" : "auc", score, seconds,
                        improved ? " best" : ""));
                if (settings.patience() > 0 && epoch - bestEpoch >= settings.patience()) {
                    reporter.status("no better validation " + (regression ? "Pearson r" : "AUC") + " for "
                            + settings.patience() + " epochs; stopping");
                    break;
                }
            }
            double kept = history.get(bestEpoch - 1).validScore();
            return new TrainingResult(new AttentiveModel(metadata(train, bestEpoch, kept), best, regression),
                    history, bestEpoch, kept);
        } finally {
            if (pool != null) {
                pool.shutdown();
            }
        }
    }

    private ModelMetadata metadata(GeneMatrix train, int bestEpoch, double score) {
        Map<String, String> options = new LinkedHashMap<>(settings.asOptions());
        options.put("gradient_clip_norm", Double.toString(AttentiveTraining.CLIP_NORM));
        options.put("bin_lstm_units", Integer.toString(AttentiveParameters.BIN_HIDDEN));
        options.put("mark_lstm_units", Integer.toString(AttentiveParameters.MARK_HIDDEN));
        options.put("head", regression ? "linear_mse" : "sigmoid_bce");
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("java", System.getProperty("java.version"));
        if (regression) { // recorded as the regression CNN's: task, target transform, validation r (no AUC)
            return new ModelMetadata(ModelMetadata.FORMAT, ModelKind.ATTENTIVE, train.marks(), train.bins(),
                    settings.transform(), settings.seed(), VersionProvider.suiteVersion(), bestEpoch, Double.NaN,
                    options, versions, Task.REGRESSION, settings.targetTransform(), score);
        }
        return new ModelMetadata(ModelMetadata.FORMAT, ModelKind.ATTENTIVE, train.marks(), train.bins(),
                settings.transform(), settings.seed(), VersionProvider.suiteVersion(), bestEpoch, score, options,
                versions);
    }

    private BadInputException diverged(int epoch, String what) {
        return new BadInputException(String.format(Locale.ROOT, "training diverged in epoch %d: %s; try a smaller "
                + "--learning-rate (got %s)", epoch, what, settings.learningRate()));
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
