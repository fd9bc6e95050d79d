package org.deepchrome.model;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.model.kernel.CnnInference;
import org.deepchrome.model.kernel.CnnKernel;
import org.deepchrome.model.kernel.CnnParameters;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trained DeepChrome CNN. Its input is {@code [genes, marks, bins]} (NCW, float) after the
 * recorded transform; {@link #toInput} builds exactly that, so visualize can take gradients in
 * the space the network was trained in.
 */
public final class CnnModel extends DeepChromeModel {
    /** Genes per forward pass in inference: large products run near oneDNN's peak; RSS stays flat. */
    public static final int INFERENCE_CHUNK = 512;

    private final MultiLayerNetwork network;
    private CnnInference inference; // built on first use from the network's weights

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
        return prepareInput(matrix, transform(), from, to);
    }

    /** Genes {@code from..to} of {@code matrix} after {@code t}, flat {@code [gene][mark][bin]}. */
    public static float[] prepareInput(GeneMatrix matrix, InputTransform t, int from, int to) {
        float[] data = new float[(to - from) * matrix.markCount() * matrix.bins()];
        prepareInput(matrix, t, from, to, data);
        return data;
    }

    /** The same, written into {@code into} from its start. */
    public static void prepareInput(GeneMatrix matrix, InputTransform t, int from, int to, float[] into) {
        int perGene = matrix.markCount() * matrix.bins();
        for (int g = from; g < to; g++) {
            t.apply(matrix.values(g), into, (g - from) * perGene);
        }
    }

    /**
     * Softmax probability of class "high" (output column 1), by {@link CnnKernel} on the
     * network's weights, in chunks of {@link #INFERENCE_CHUNK} on {@link NativeRuntime#threads()}
     * threads: the same numbers as DL4J's {@code network.output} (tested) at several times its speed.
     */
    @Override
    public double[] probabilityHigh(GeneMatrix matrix) {
        requireClassifier();
        return output(matrix);
    }

    /** The regression network's output, the level on the target scale, computed like {@link #probabilityHigh}. */
    @Override
    public double[] predictLevel(GeneMatrix matrix) {
        if (!isRegression()) {
            return super.predictLevel(matrix);
        }
        return output(matrix);
    }

    /** P(high), or a regression network's level, of every gene: the network's last unit. */
    private double[] output(GeneMatrix matrix) {
        InputTransform t = transform();
        return inference().probabilityHigh(matrix.geneCount(), (from, to, buffer) -> prepareInput(matrix, t, from, to, buffer));
    }

    /**
     * P(high) of genes already in network input form ({@link #prepareInput}): the network alone;
     * for a regression network its level.
     */
    public double[] probabilityHigh(float[] input, int genes) {
        return inference().probabilityHigh(input, genes);
    }

    /** Stops the inference workers; a later call to probabilityHigh starts new ones. */
    @Override
    public synchronized void close() {
        if (inference != null) {
            inference.close();
            inference = null;
        }
    }

    private synchronized CnnInference inference() {
        if (inference == null) {
            inference = new CnnInference(CnnParameters.fromNetwork(network, marks().size(), bins()), INFERENCE_CHUNK,
                    NativeRuntime.threads());
        }
        return inference;
    }
}
