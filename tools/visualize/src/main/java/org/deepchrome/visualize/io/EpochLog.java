package org.deepchrome.visualize.io;

import org.apache.commons.csv.CSVRecord;

import java.nio.file.Path;

/** The per-epoch TSV of deepchrome-train: {@code epoch	train_loss	valid_auc	seconds}; NA/empty = NaN. */
public record EpochLog(double[] epoch, double[] trainLoss, double[] validAuc) {
    public static EpochLog read(Path file) {
        TsvTable table = TsvTable.read(file, "epochs table", "epoch", "train_loss", "valid_auc");
        int n = table.rows.size();
        double[] epoch = new double[n];
        double[] loss = new double[n];
        double[] auc = new double[n];
        for (int i = 0; i < n; i++) {
            CSVRecord row = table.rows.get(i);
            epoch[i] = table.number(row, "epoch");
            loss[i] = table.numberOrMissing(row, "train_loss");
            auc[i] = table.numberOrMissing(row, "valid_auc");
        }
        return new EpochLog(epoch, loss, auc);
    }
}
