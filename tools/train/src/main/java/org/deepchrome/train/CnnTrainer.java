package org.deepchrome.train;

import org.deepchrome.core.cli.Reporter;
import org.deepchrome.core.cli.VersionProvider;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.model.CnnArchitecture;
import org.deepchrome.model.CnnModel;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.ModelMetadata;
import org.deepchrome.model.NativeRuntime;
import org.deepchrome.model.Task;
import org.deepchrome.model.kernel.CnnInference;
import org.deepchrome.model.kernel.CnnParameters;
import org.deepchrome.model.kernel.CnnTraining;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Trains the DeepChrome CNN by minibatch gradient descent and keeps the epoch with the best
 * validation AUC (the paper's rule) — for regression, the best validation Pearson r of the
 * one-output network trained on mean squared error — optionally stopping after {@code patience}
 * epochs without improvement (the loop: {@link EpochLoop}). DL4J defines and initialises the
 * network and stores the result; the passes themselves run in {@link CnnTraining} (same
 * arithmetic, several times faster). Every source of randomness derives from the seed: initial
 * weights (DL4J), dropout masks and the minibatch order (java.util.Random).
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
        double[] validTargets = regression
                ? RegressionTargets.toDouble(RegressionTargets.transformed(valid, settings.targetTransform())) : null;

        EpochLoop loop = new EpochLoop(settings, reporter, regression,
                " with --optimizer " + settings.optimizer());
        EpochLoop.Outcome<CnnParameters> outcome = loop.run(genes, new EpochLoop.Steps<>() {
            @Override
            public double epoch(int[] order, Runnable batchDone) {
                return regression ? training.epoch(inputs, targets, order, batchDone::run)
                        : training.epoch(inputs, labels, order, batchDone::run);
            }

            @Override
            public double[] validationOutputs() {
                return validation.probabilityHigh(validInputs, valid.geneCount());
            }

            @Override
            public CnnParameters copyParameters() {
                return parameters.copy();
            }
        }, validLabels, validTargets);
        outcome.best().copyInto(network);
        double kept = outcome.bestValidScore();
        return new TrainingResult(new CnnModel(metadata(train, outcome.bestEpoch(), kept), network),
                outcome.history(), outcome.bestEpoch(), kept);
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
}
