package org.deepchrome.model;

import org.deepchrome.core.matrix.GeneMatrix;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;

import java.util.List;

/**
 * A comparison model (random forest, linear SVM, logistic regression) trained with Tribuo by
 * earlier versions of the suite, on the flattened marks × bins features of
 * {@link BaselineFeatures}: such model files still load and predict. New ones hold a
 * {@link ForestModel} or a {@link LinearModel}.
 */
public final class BaselineModel extends DeepChromeModel {
    private static final int CHUNK = 2048;
    private final Model<Label> tribuoModel;

    public BaselineModel(ModelMetadata metadata, Model<Label> tribuoModel) {
        super(metadata);
        if (metadata.kind() == ModelKind.CNN) {
            throw new IllegalArgumentException("BaselineModel cannot hold a cnn");
        }
        this.tribuoModel = tribuoModel;
    }

    public Model<Label> tribuoModel() {
        return tribuoModel;
    }

    /**
     * Probability of "high" for the forest (share of trees voting high) and logistic regression;
     * for the SVM, which gives no probability, the logistic function of its decision value —
     * a monotone score in (0, 1), so its ROC AUC is that of the SVM, but it is not calibrated.
     */
    @Override
    public double[] probabilityHigh(GeneMatrix matrix) {
        int n = matrix.geneCount();
        double[] p = new double[n];
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            int[] idx = new int[to - from];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            List<Prediction<Label>> predictions =
                    tribuoModel.predict(BaselineFeatures.examples(matrix.subset(idx), transform()));
            for (int i = 0; i < idx.length; i++) {
                p[from + i] = scoreHigh(predictions.get(i));
            }
        }
        return p;
    }

    private double scoreHigh(Prediction<Label> prediction) {
        Label high = prediction.getOutputScores().get(BaselineFeatures.HIGH);
        double score = high == null ? 0 : high.getScore();
        if (tribuoModel.generatesProbabilities()) {
            return score;
        }
        return 1.0 / (1.0 + Math.exp(-score));
    }
}
