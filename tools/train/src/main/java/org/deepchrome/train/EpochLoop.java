package org.deepchrome.train;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.cli.Progress;
import org.deepchrome.core.cli.Reporter;
import org.deepchrome.model.RegressionMetrics;
import org.deepchrome.model.RocAuc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The epoch loop the two neural trainers share ({@link CnnTrainer}, {@link AttentiveTrainer}):
 * per epoch the minibatch order is shuffled (java.util.Random from the seed), one training pass
 * runs under a progress bar, the validation set is scored (ROC AUC, or Pearson r for
 * regression) and the best epoch's weights are copied; one status line per epoch, and an early
 * stop after {@code patience} epochs without improvement. What differs per model is its
 * {@link Steps}, and what a divergence message says of its optimizer.
 */
final class EpochLoop {
    /** One model's side of the loop. */
    interface Steps<P> {
        /** One pass over the training genes in {@code order}; returns the mean training loss. */
        double epoch(int[] order, Runnable batchDone);

        /** The model's outputs on the validation genes (P(high), or values for regression). */
        double[] validationOutputs();

        /** A copy of the weights as they are now (kept if this epoch is the best). */
        P copyParameters();
    }

    /** The history, the best epoch (1-based), its weights and its validation score. */
    record Outcome<P>(List<EpochResult> history, int bestEpoch, P best, double bestValidScore) {
    }

    private final TrainingSettings settings;
    private final Reporter reporter;
    private final boolean regression;
    private final String rateNote; // what the divergence message adds after the learning rate (the optimizer)

    EpochLoop(TrainingSettings settings, Reporter reporter, boolean regression, String rateNote) {
        this.settings = settings;
        this.reporter = reporter;
        this.regression = regression;
        this.rateNote = rateNote;
    }

    /**
     * Runs the epochs over {@code genes} training genes; validation is scored against
     * {@code validLabels} (classification) or {@code validTargets} (regression, transformed).
     */
    <P> Outcome<P> run(int genes, Steps<P> steps, int[] validLabels, double[] validTargets) {
        Random shuffler = new Random(settings.seed());
        int[] order = new int[genes];
        for (int i = 0; i < genes; i++) {
            order[i] = i;
        }
        List<EpochResult> history = new ArrayList<>();
        P best = null;
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
                loss = steps.epoch(order, () -> progress.advance(1));
            }
            if (!Double.isFinite(loss)) {
                throw diverged(epoch, "the training loss became " + loss);
            }
            double[] outputs = steps.validationOutputs();
            if (!Arrays.stream(outputs).allMatch(Double::isFinite)) {
                throw diverged(epoch, "the validation outputs are no longer finite numbers");
            }
            // Outputs that are all equal have no r (NaN): such an epoch counts as no better than any.
            double score = regression ? RegressionMetrics.pearson(outputs, validTargets)
                    : RocAuc.auc(outputs, validLabels);
            double seconds = (System.nanoTime() - start) / 1e9;
            history.add(new EpochResult(epoch, loss, score, seconds));
            boolean improved = best == null || score > bestScore;
            if (improved) {
                bestScore = Double.isNaN(score) ? Double.NEGATIVE_INFINITY : score;
                bestEpoch = epoch;
                best = steps.copyParameters();
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
        return new Outcome<>(history, bestEpoch, best, history.get(bestEpoch - 1).validScore());
    }

    /** Divergence depends on the options, not on a bug: one line, exit 2, and nothing is written. */
    private BadInputException diverged(int epoch, String what) {
        return new BadInputException(String.format(Locale.ROOT, "training diverged in epoch %d: %s; try a smaller "
                + "--learning-rate (got %s%s)", epoch, what, settings.learningRate(), rateNote));
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
