package org.deepchrome.model;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trained DeepChrome CNN. Its input is {@code [genes, marks, bins]} (NCW, float) after the
 * recorded transform; {@link #toInput} builds exactly that, so visualize can take gradients in
 * the space the network was trained in.
 */
public final class CnnModel extends DeepChromeModel {
    /** Genes per inference call: large enough to amortise DL4J's per-call cost, small enough to keep RSS flat. */
    public static final int INFERENCE_CHUNK = 512;

    private final MultiLayerNetwork network;

    public CnnModel(ModelMetadata metadata, MultiLayerNetwork network) {
        super(metadata);
        if (metadata.kind() != ModelKind.CNN) {
            throw new IllegalArgumentException("CnnModel needs kind cnn, got " + metadata.kind());
        }
        this.network = network;
    }

    public MultiLayerNetwork network() {
        return network;
    }

    /** All genes as network input. For large matrices prefer {@link #toInput(GeneMatrix, int, int)} in chunks. */
    public INDArray toInput(GeneMatrix matrix) {
        return toInput(matrix, 0, matrix.geneCount());
    }

    /** Genes {@code from} (inclusive) to {@code to} (exclusive) as network input {@code [n, marks, bins]}. */
    public INDArray toInput(GeneMatrix matrix, int from, int to) {
        return Nd4j.create(prepareInput(matrix, from, to), new long[] {to - from, matrix.markCount(), matrix.bins()},
                'c');
    }

    /** The flat, transformed, c-order buffer behind {@link #toInput(GeneMatrix, int, int)}. */
    public float[] prepareInput(GeneMatrix matrix, int from, int to) {
        int perGene = matrix.markCount() * matrix.bins();
        float[] data = new float[(to - from) * perGene];
        InputTransform t = transform();
        for (int g = from; g < to; g++) {
            float[] v = matrix.values(g);
            int offset = (g - from) * perGene;
            for (int i = 0; i < perGene; i++) {
                data[offset + i] = t.apply(v[i]);
            }
        }
        return data;
    }

    /** Softmax probability of class "high" (output column 1), inferred in chunks of {@link #INFERENCE_CHUNK}. */
    @Override
    public double[] probabilityHigh(GeneMatrix matrix) {
        int n = matrix.geneCount();
        double[] p = new double[n];
        for (int from = 0; from < n; from += INFERENCE_CHUNK) {
            int to = Math.min(n, from + INFERENCE_CHUNK);
            INDArray out = network.output(toInput(matrix, from, to), false);
            double[] high = out.getColumn(1).toDoubleVector();
            for (int g = from; g < to; g++) {
                p[g] = high[g - from];
            }
        }
        return p;
    }
}
