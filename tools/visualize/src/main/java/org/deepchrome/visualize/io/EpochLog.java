package org.deepchrome.visualize.io;

import org.apache.commons.csv.CSVRecord;

import java.nio.file.Path;

/**
 * The per-epoch TSV of deepchrome-train: {@code epoch	train_loss	valid_auc	seconds}, or
 * {@code valid_r} (validation Pearson r) instead of {@code valid_auc} for a regression model
 * ({@code pearson} true); NA/empty = NaN.
 */
public record EpochLog(double[] epoch, double[] trainLoss, double[] validAuc, boolean pearson) {
    public EpochLog(double[] epoch, double[] trainLoss, double[] validAuc) {
        this(epoch, trainLoss, validAuc, false);
    }

    public static EpochLog read(Path file) {
        TsvTable probe = TsvTable.read(file, "epochs table", "epoch", "train_loss");
        boolean pearson = probe.has("valid_r") && !probe.has("valid_auc");
        String column = pearson ? "valid_r" : "valid_auc";
        TsvTable table = TsvTable.read(file, "epochs table", "epoch", "train_loss", column);
        int n = table.rows.size();
        double[] epoch = new double[n];
        double[] loss = new double[n];
        double[] auc = new double[n];
        for (int i = 0; i < n; i++) {
            CSVRecord row = table.rows.get(i);
            epoch[i] = table.number(row, "epoch");
            loss[i] = table.numberOrMissing(row, "train_loss");
            auc[i] = table.numberOrMissing(row, column);
        }
        return new EpochLog(epoch, loss, auc, pearson);
    }
}
