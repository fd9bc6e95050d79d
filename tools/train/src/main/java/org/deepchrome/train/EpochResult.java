package org.deepchrome.train;

/**
 * One row of the per-epoch metrics table; {@code validScore} is the validation ROC AUC
 * (classification) or Pearson r (regression), the figure the best epoch is chosen by.
 */
public record EpochResult(int epoch, double trainLoss, double validScore, double seconds) {
}
