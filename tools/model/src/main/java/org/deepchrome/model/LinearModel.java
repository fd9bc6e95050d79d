package org.deepchrome.model;

import org.deepchrome.core.matrix.GeneMatrix;

/**
 * A trained linear comparison model ({@code svm}, {@code logistic} or, for regression,
 * {@code ridge}) on the flattened marks ×
 * bins features, transformed as recorded in the metadata: a weight per feature and a bias,
 * oriented so that a positive decision value means "high".
 *
 * <p>Its score is the logistic function of the decision value: for logistic regression that is
 * the model's probability of "high"; for the SVM, which gives no probability, it is a monotone
 * score in (0, 1), so its ROC AUC is that of the SVM, but it is not calibrated. For ridge the
 * decision value is the predicted level (the standardisation used in fitting is folded into
 * the weights and bias).
 */
public final class LinearModel extends DeepChromeModel {
    /** The learned parameters, as stored in the model file. */
    public record Parameters(double[] weights, double bias) {
    }

    private final Parameters parameters;

    public LinearModel(ModelMetadata metadata, Parameters parameters) {
        super(metadata);
        if (metadata.kind() != ModelKind.SVM && metadata.kind() != ModelKind.LOGISTIC
                && metadata.kind() != ModelKind.RIDGE) {
            throw new IllegalArgumentException("LinearModel holds an svm, a logistic or a ridge, not a "
                    + metadata.kind());
        }
        int features = metadata.marks().size() * metadata.bins();
        if (parameters.weights().length != features) {
            throw new IllegalArgumentException(parameters.weights().length + " weights for " + features + " features");
        }
        this.parameters = parameters;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** w · x + b for one gene's transformed features. */
    public double decision(float[] x) {
        double[] w = parameters.weights();
        double sum = parameters.bias();
        for (int i = 0; i < w.length; i++) {
            sum += w[i] * x[i];
        }
        return sum;
    }

    @Override
    public double[] probabilityHigh(GeneMatrix matrix) {
        requireClassifier();
        double[] p = decisions(matrix);
        for (int g = 0; g < p.length; g++) {
            p[g] = 1.0 / (1.0 + Math.exp(-p[g]));
        }
        return p;
    }

    @Override
    public double[] predictLevel(GeneMatrix matrix) {
        return isRegression() ? decisions(matrix) : super.predictLevel(matrix);
    }

    private double[] decisions(GeneMatrix matrix) {
        double[] d = new double[matrix.geneCount()];
        float[] x = new float[parameters.weights().length];
        InputTransform t = transform();
        for (int g = 0; g < d.length; g++) {
            t.apply(matrix.values(g), x, 0);
            d[g] = decision(x);
        }
        return d;
    }
}
