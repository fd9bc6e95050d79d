package org.deepchrome.model;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.BaseInputPreProcessor;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Flattens Conv1D/pooling output {@code [genes, channels, length]} (NCW) to
 * {@code [genes, channels × length]}, channel-major like PyTorch's {@code view(n, -1)}.
 * DL4J's own choice after a 1-D layer (RnnToFeedForward) would instead apply the dense layers
 * to every position separately, which is not the paper's network.
 */
public class FlattenChannelsPreProcessor extends BaseInputPreProcessor {
    private final long channels;
    private final long length;

    public FlattenChannelsPreProcessor(@JsonProperty("channels") long channels, @JsonProperty("length") long length) {
        this.channels = channels;
        this.length = length;
    }

    public long getChannels() {
        return channels;
    }

    public long getLength() {
        return length;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (input.rank() != 3 || input.size(1) != channels || input.size(2) != length) {
            throw new IllegalStateException("expected activations [n, " + channels + ", " + length + "], got "
                    + java.util.Arrays.toString(input.shape()));
        }
        INDArray in = input;
        if (in.ordering() != 'c' || !Shape.hasDefaultStridesForShape(in)) {
            in = workspaceMgr.dup(ArrayType.ACTIVATIONS, in, 'c');
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, in.reshape('c', in.size(0), channels * length));
    }

    @Override
    public INDArray backprop(INDArray epsilons, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray eps = epsilons;
        if (eps.ordering() != 'c' || !Shape.hasDefaultStridesForShape(eps)) {
            eps = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, eps, 'c');
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, eps.reshape('c', eps.size(0), channels, length));
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return InputType.feedForward(channels * length);
    }

    @Override
    public FlattenChannelsPreProcessor clone() {
        return new FlattenChannelsPreProcessor(channels, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlattenChannelsPreProcessor p && p.channels == channels && p.length == length;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(channels * 31 + length);
    }
}
