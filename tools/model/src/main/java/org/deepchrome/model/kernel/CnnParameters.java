package org.deepchrome.model.kernel;

import org.deepchrome.model.CnnArchitecture;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weights of the DeepChrome CNN as plain row-major float arrays, one per DL4J parameter,
 * so {@link CnnKernel} can compute with them and the model file keeps DL4J's format.
 * <ul>
 *   <li>conv weight: DL4J's buffer of {@code 0_W}, which its Conv1D reads as {@code [kernel][marks][filters]}
 *       whatever the declared shape [filters, marks, kernel, 1] says (a test pins this); conv bias {@code [filters]}</li>
 *   <li>dense weights {@code [nIn][nOut]} and biases {@code [nOut]} of layers 2, 3 and the output layer 4;
 *       the rows of layer 2 in the kernel's position-major order of pooled features
 *       ({@code p · filters + filter}), where DL4J's are channel-major ({@code filter · pooled + p})</li>
 * </ul>
 */
public final class CnnParameters {
    /** DL4J parameter keys, in the order of {@link #tensors()}. */
    static final String[] KEYS = {"0_W", "0_b", "2_W", "2_b", "3_W", "3_b", "4_W", "4_b"};
    static final int CONV_W = 0;
    static final int CONV_B = 1;
    static final int DENSE1_W = 2;
    static final int DENSE1_B = 3;
    static final int DENSE2_W = 4;
    static final int DENSE2_B = 5;
    static final int OUT_W = 6;
    static final int OUT_B = 7;

    private final int marks;
    private final int bins;
    private final int outputs;
    private final float[][] tensors;

    private CnnParameters(int marks, int bins, int outputs, float[][] tensors) {
        this.marks = marks;
        this.bins = bins;
        this.outputs = outputs;
        this.tensors = tensors;
    }

    /** Zero-filled parameters of the classification network (two outputs). */
    public static CnnParameters zeros(int marks, int bins) {
        return zeros(marks, bins, 2);
    }

    /** Zero-filled parameters of the same shape as {@code shape} (gradient and optimiser buffers). */
    public static CnnParameters zerosLike(CnnParameters shape) {
        return zeros(shape.marks, shape.bins, shape.outputs);
    }

    /**
     * Zero-filled parameters with {@code outputs} output units: 2 (softmax, classification) or
     * 1 (linear, regression).
     */
    public static CnnParameters zeros(int marks, int bins, int outputs) {
        if (outputs != 1 && outputs != 2) {
            throw new IllegalArgumentException("the output layer has 1 or 2 units, not " + outputs);
        }
        int features = CnnArchitecture.FILTERS * CnnArchitecture.pooledLength(bins);
        int[] sizes = {
            CnnArchitecture.KERNEL * marks * CnnArchitecture.FILTERS, CnnArchitecture.FILTERS,
            features * CnnArchitecture.HIDDEN1, CnnArchitecture.HIDDEN1,
            CnnArchitecture.HIDDEN1 * CnnArchitecture.HIDDEN2, CnnArchitecture.HIDDEN2,
            CnnArchitecture.HIDDEN2 * outputs, outputs};
        float[][] t = new float[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            t[i] = new float[sizes[i]];
        }
        return new CnnParameters(marks, bins, outputs, t);
    }

    /** Copies the weights out of a network built by {@link CnnArchitecture#build} (either task). */
    public static CnnParameters fromNetwork(MultiLayerNetwork network, int marks, int bins) {
        CnnParameters p = zeros(marks, bins, (int) network.getParam(KEYS[OUT_B]).length());
        for (int i = 0; i < KEYS.length; i++) {
            INDArray value = network.getParam(KEYS[i]);
            float[] data = value.dup('c').data().asFloat(); // logical row-major order, whatever DL4J's storage
            if (data.length != p.tensors[i].length) {
                throw new IllegalArgumentException("parameter " + KEYS[i] + " has " + data.length
                        + " values, the architecture needs " + p.tensors[i].length);
            }
            p.setFromDl4j(i, data);
        }
        return p;
    }

    /** Sets tensor {@code index} from values in DL4J's logical row-major order. */
    void setFromDl4j(int index, float[] dl4jOrder) {
        if (index == DENSE1_W) {
            reorderDense1Rows(dl4jOrder, tensors[index], true);
        } else {
            System.arraycopy(dl4jOrder, 0, tensors[index], 0, dl4jOrder.length);
        }
    }

    /** Tensor {@code index} in DL4J's logical row-major order. */
    float[] toDl4j(int index) {
        if (index != DENSE1_W) {
            return tensors[index].clone();
        }
        float[] out = new float[tensors[index].length];
        reorderDense1Rows(tensors[index], out, false);
        return out;
    }

    /**
     * Copies the first dense layer's rows between DL4J's channel-major order (row
     * {@code filter · pooled + p}) and the kernel's position-major one ({@code p · filters + filter}).
     */
    private void reorderDense1Rows(float[] from, float[] to, boolean toKernelOrder) {
        int pooled = CnnArchitecture.pooledLength(bins);
        int filters = CnnArchitecture.FILTERS;
        int width = CnnArchitecture.HIDDEN1;
        for (int f = 0; f < filters; f++) {
            for (int p = 0; p < pooled; p++) {
                int dl4jRow = f * pooled + p;
                int kernelRow = p * filters + f;
                int source = toKernelOrder ? dl4jRow : kernelRow;
                int target = toKernelOrder ? kernelRow : dl4jRow;
                System.arraycopy(from, source * width, to, target * width, width);
            }
        }
    }

    /** Writes these weights into a network of the same architecture. */
    public void copyInto(MultiLayerNetwork network) {
        for (int i = 0; i < KEYS.length; i++) {
            INDArray target = network.getParam(KEYS[i]);
            target.assign(Nd4j.create(toDl4j(i), target.shape(), 'c'));
        }
    }

    public CnnParameters copy() {
        float[][] t = new float[tensors.length][];
        for (int i = 0; i < t.length; i++) {
            t[i] = tensors[i].clone();
        }
        return new CnnParameters(marks, bins, outputs, t);
    }

    public int marks() {
        return marks;
    }

    public int bins() {
        return bins;
    }

    /** Units of the output layer: 2 for classification, 1 for regression. */
    public int outputs() {
        return outputs;
    }

    /** The arrays themselves (not copies), in the order of DL4J keys 0_W, 0_b, 2_W, 2_b, 3_W, 3_b, 4_W, 4_b. */
    public float[][] tensors() {
        return tensors;
    }
}
