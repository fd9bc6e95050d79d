package org.deepchrome.model.attentive;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.model.CnnModel;
import org.deepchrome.model.DeepChromeModel;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.ModelMetadata;
import org.deepchrome.model.NativeRuntime;

/**
 * A trained AttentiveChrome model. Besides scores it explains each gene through its attention
 * weights: α over the bins of every mark and β over the marks ({@link #attention}).
 */
public final class AttentiveModel extends DeepChromeModel {
    private final AttentiveParameters parameters;
    private final boolean regression;
    private AttentiveInference inference; // built on first use

    public AttentiveModel(ModelMetadata metadata, AttentiveParameters parameters, boolean regression) {
        super(metadata);
        if (metadata.kind() != ModelKind.ATTENTIVE) {
            throw new IllegalArgumentException("AttentiveModel needs kind attentive, got " + metadata.kind());
        }
        if (regression != metadata.isRegression()) {
            throw new IllegalArgumentException("a " + (regression ? "linear" : "sigmoid") + " output head for a "
                    + metadata.task() + " model");
        }
        this.parameters = parameters;
        this.regression = regression;
    }

    public AttentiveParameters parameters() {
        return parameters;
    }

    /** True when the output is a regression value (linear head, squared error), not P(high). */
    public boolean regression() {
        return regression;
    }

    /** P(high) per gene (classifiers only). */
    @Override
    public double[] probabilityHigh(GeneMatrix matrix) {
        requireClassifier();
        return outputs(matrix);
    }

    /** A regression model's level per gene, on its target scale (after {@link #targetTransform()}). */
    @Override
    public double[] predictLevel(GeneMatrix matrix) {
        if (!regression) {
            return super.predictLevel(matrix);
        }
        return outputs(matrix);
    }

    /** The output unit of every gene: P(high), or the level of a regression model. */
    private double[] outputs(GeneMatrix matrix) {
        InputTransform t = transform();
        return inference().outputs(matrix.geneCount(), (from, to, buffer) ->
                CnnModel.prepareInput(matrix, t, from, to, buffer));
    }

    /** Receives the attention of one gene: {@code alpha[m][t]} (rows sum to 1) and {@code beta[m]} (sums to 1). */
    public interface AttentionConsumer {
        void accept(int gene, double output, float[][] alpha, float[] beta);
    }

    /**
     * Scores every gene and hands its attention weights to {@code consumer}, in gene order
     * (chunks are scored in parallel, then delivered in order).
     */
    public void attention(GeneMatrix matrix, AttentionConsumer consumer) {
        int genes = matrix.geneCount();
        int marks = marks().size();
        int bins = bins();
        InputTransform t = transform();
        double[] outputs = new double[genes];
        // α for all genes would be genes × marks × bins floats: fine for the suite's matrices
        // (20k genes × 5 × 100 = 40 MB), and it keeps the output order independent of threads.
        float[] alpha = new float[genes * marks * bins];
        float[] beta = new float[genes * marks];
        inference().run(genes, (from, to, buffer) -> CnnModel.prepareInput(matrix, t, from, to, buffer),
                (kernel, from, to) -> {
                    for (int g = from; g < to; g++) {
                        int i = g - from;
                        outputs[g] = kernel.output(i);
                        for (int m = 0; m < marks; m++) {
                            beta[g * marks + m] = kernel.beta(i, m);
                            for (int b = 0; b < bins; b++) {
                                alpha[(g * marks + m) * bins + b] = kernel.alpha(i, m, b);
                            }
                        }
                    }
                });
        for (int g = 0; g < genes; g++) {
            float[][] a = new float[marks][bins];
            for (int m = 0; m < marks; m++) {
                System.arraycopy(alpha, (g * marks + m) * bins, a[m], 0, bins);
            }
            float[] b = new float[marks];
            System.arraycopy(beta, g * marks, b, 0, marks);
            consumer.accept(g, outputs[g], a, b);
        }
    }

    @Override
    public synchronized void close() {
        if (inference != null) {
            inference.close();
            inference = null;
        }
    }

    private synchronized AttentiveInference inference() {
        if (inference == null) {
            inference = new AttentiveInference(parameters, regression, NativeRuntime.threads());
        }
        return inference;
    }
}
