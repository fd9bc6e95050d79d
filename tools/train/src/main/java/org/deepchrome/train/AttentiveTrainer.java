package org.deepchrome.train;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.cli.Reporter;
import org.deepchrome.core.cli.VersionProvider;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.model.CnnModel;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.ModelMetadata;
import org.deepchrome.model.Optimizer;
import org.deepchrome.model.Task;
import org.deepchrome.model.attentive.AttentiveInference;
import org.deepchrome.model.attentive.AttentiveModel;
import org.deepchrome.model.attentive.AttentiveParameters;
import org.deepchrome.model.attentive.AttentiveTraining;
import org.deepchrome.model.kernel.Sgemm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Trains AttentiveChrome ({@link AttentiveTraining}: Adam, batch size, gradient norm clipped
 * to 1) and keeps the epoch with the best validation AUC (for regression: the best validation
 * Pearson r), optionally stopping after {@code patience} epochs without improvement (the loop:
 * {@link EpochLoop}). The seed
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
        double[] validDoubles = RegressionTargets.toDouble(validTargets);
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
            EpochLoop loop = new EpochLoop(settings, reporter, regression, "");
            EpochLoop.Outcome<AttentiveParameters> outcome = loop.run(genes, new EpochLoop.Steps<>() {
                @Override
                public double epoch(int[] order, Runnable batchDone) {
                    return training.epoch(inputs, targets, order, batchDone::run);
                }

                @Override
                public double[] validationOutputs() {
                    return validation.outputs(validInputs, valid.geneCount());
                }

                @Override
                public AttentiveParameters copyParameters() {
                    return parameters.copy();
                }
            }, regression ? null : valid.labels(), validDoubles);
            double kept = outcome.bestValidScore();
            return new TrainingResult(new AttentiveModel(metadata(train, outcome.bestEpoch(), kept), outcome.best(),
                    regression), outcome.history(), outcome.bestEpoch(), kept);
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
}
