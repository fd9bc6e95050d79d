package org.deepchrome.visualize.explain;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-gene saliency as gradient × input: X ⊙ ∂(S_high − S_low)/∂X, on the input as the network
 * sees it (after the model's transform). The score difference is the log-odds of high expression,
 * so a positive value means that signal pushes the gene towards "high", a negative one towards "low".
 */
public final class Saliency {
    private Saliency() {
    }

    /**
     * @param inputs one transformed input per gene, mark-major ({@code [mark * bins + bin]})
     * @return {@code saliency[gene][mark][bin]}
     */
    public static double[][][] of(ClassScoreGradient gradient, int highClass, int lowClass, float[][] inputs,
            int marks, int bins) {
        double[] weights = new double[gradient.classes()];
        weights[highClass] = 1;
        weights[lowClass] = -1;
        return of(gradient, weights, inputs, marks, bins);
    }

    /**
     * Gradient × input of Σ_c weights[c]·S_c: (1, −1) over (high, low) is the log-odds above; a
     * regression network's single output with weight 1 is its predicted level.
     */
    public static double[][][] of(ClassScoreGradient gradient, double[] weights, float[][] inputs, int marks,
            int bins) {
        int n = inputs.length;
        double[][][] out = new double[n][marks][bins];
        if (n == 0) {
            return out;
        }
        INDArray x = Nd4j.create(DataType.DOUBLE, n, marks, bins);
        for (int g = 0; g < n; g++) {
            x.putSlice(g, Nd4j.createFromArray(inputs[g]).castTo(DataType.DOUBLE).reshape(marks, bins));
        }
        INDArray rows = Nd4j.zeros(DataType.DOUBLE, n, gradient.classes());
        for (int c = 0; c < weights.length; c++) {
            rows.getColumn(c).assign(weights[c]);
        }
        INDArray product = gradient.gradient(x, rows).muli(x);
        for (int g = 0; g < n; g++) {
            for (int m = 0; m < marks; m++) {
                for (int b = 0; b < bins; b++) {
                    out[g][m][b] = product.getDouble(g, m, b);
                }
            }
        }
        return out;
    }
}
