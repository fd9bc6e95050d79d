package org.deepchrome.train;

/** One row of the per-epoch metrics table. */
public record EpochResult(int epoch, double trainLoss, double validAuc, double seconds) {
}
