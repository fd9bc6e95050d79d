package org.deepchrome.model;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Ridge regression in closed form on the flattened, transformed features: each feature is
 * standardised (mean 0, standard deviation 1 on the training genes; a constant feature gets
 * weight 0), the target centred, and {@code (ZᵀZ + α I) w = Zᵀ y} solved by Cholesky
 * (Commons Math) for each α — the Gram matrix is formed once. The standardisation is folded
 * back into the weights and bias, so the fitted model is plain {@code w · x + b} on the
 * transformed features, like the other linear models.
 */
public final class RidgeTrainer {
    private final int features;
    private final double[] mean;
    private final double[] scale;     // 1 / sd, 0 for a constant feature
    private final double targetMean;
    private final RealMatrix gram;    // ZᵀZ
    private final RealVector moment;  // Zᵀ(y − ȳ)

    public RidgeTrainer(float[][] rows, double[] targets) {
        if (rows.length < 2 || rows.length != targets.length) {
            throw new IllegalArgumentException("ridge needs at least two rows, one target each");
        }
        int n = rows.length;
        features = rows[0].length;
        mean = new double[features];
        scale = new double[features];
        for (float[] row : rows) {
            for (int j = 0; j < features; j++) {
                mean[j] += row[j];
            }
        }
        double yMean = 0;
        for (double t : targets) {
            yMean += t;
        }
        targetMean = yMean / n;
        double[] variance = new double[features];
        for (int j = 0; j < features; j++) {
            mean[j] /= n;
        }
        for (float[] row : rows) {
            for (int j = 0; j < features; j++) {
                double d = row[j] - mean[j];
                variance[j] += d * d;
            }
        }
        for (int j = 0; j < features; j++) {
            double sd = Math.sqrt(variance[j] / n);
            scale[j] = sd > 1e-12 ? 1 / sd : 0;
        }
        double[][] g = new double[features][features];
        double[] m = new double[features];
        double[] z = new double[features];
        for (int i = 0; i < n; i++) {
            float[] row = rows[i];
            for (int j = 0; j < features; j++) {
                z[j] = (row[j] - mean[j]) * scale[j];
            }
            double yc = targets[i] - targetMean;
            for (int j = 0; j < features; j++) {
                double zj = z[j];
                if (zj == 0) {
                    continue; // sparse rows (zero signal) cost nothing
                }
                m[j] += zj * yc;
                double[] gj = g[j];
                for (int k = j; k < features; k++) {
                    gj[k] += zj * z[k];
                }
            }
        }
        for (int j = 0; j < features; j++) {
            for (int k = 0; k < j; k++) {
                g[j][k] = g[k][j];
            }
        }
        gram = new Array2DRowRealMatrix(g, false);
        moment = new ArrayRealVector(m, false);
    }

    /** The weights and bias on the transformed (not standardised) features for penalty {@code alpha}. */
    public LinearModel.Parameters fit(double alpha) {
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("alpha must be positive, got " + alpha);
        }
        RealMatrix a = gram.copy();
        for (int j = 0; j < features; j++) {
            // A constant feature's row and column are zero: 1 on its diagonal keeps the system
            // positive definite and its weight at 0.
            a.addToEntry(j, j, scale[j] == 0 ? 1 : alpha);
        }
        RealVector standardised = new CholeskyDecomposition(a, 1e-12, 1e-14).getSolver().solve(moment);
        double[] w = new double[features];
        double bias = targetMean;
        for (int j = 0; j < features; j++) {
            w[j] = standardised.getEntry(j) * scale[j];
            bias -= w[j] * mean[j];
        }
        return new LinearModel.Parameters(w, bias);
    }
}
