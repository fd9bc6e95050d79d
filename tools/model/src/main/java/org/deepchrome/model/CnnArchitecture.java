package org.deepchrome.model;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The DeepChrome network (Singh et al. 2016), exactly: input marks × bins; Conv1D 50 filters
 * of width 10, no padding → ReLU → MaxPool width 5 stride 5 → flatten → Dropout 0.5 →
 * Dense 625 ReLU → Dense 125 ReLU → Dense 2 softmax, trained on negative log-likelihood.
 * For regression the same network ends in one linear unit trained on mean squared error.
 */
public final class CnnArchitecture {
    public static final int FILTERS = 50;
    public static final int KERNEL = 10;
    public static final int POOL = 5;
    public static final int HIDDEN1 = 625;
    public static final int HIDDEN2 = 125;
    /** Probability of dropping a unit in the paper (Torch's nn.Dropout(0.5)). */
    public static final double DROP_PROBABILITY = 0.5;

    private CnnArchitecture() {
    }

    /** Length of the pooled sequence the first dense layer sees: floor((bins − 9) / 5). */
    public static int pooledLength(int bins) {
        return (bins - KERNEL + 1) / POOL;
    }

    /** Units of the output layer: two softmax classes, or one linear level for regression. */
    public static int outputs(Task task) {
        return task == Task.REGRESSION ? 1 : 2;
    }

    /** Trainable parameters of the classification network, counted from the paper's layer sizes. */
    public static long parameterCount(int marks, int bins) {
        return parameterCount(marks, bins, Task.CLASSIFICATION);
    }

    /** Trainable parameters of the network for {@code task}. */
    public static long parameterCount(int marks, int bins, Task task) {
        long conv = (long) marks * KERNEL * FILTERS + FILTERS;
        long dense1 = (long) FILTERS * pooledLength(bins) * HIDDEN1 + HIDDEN1;
        long dense2 = (long) HIDDEN1 * HIDDEN2 + HIDDEN2;
        long out = HIDDEN2 * (long) outputs(task) + outputs(task);
        return conv + dense1 + dense2 + out;
    }

    /**
     * Builds and initialises the network in single precision (double precision leaks memory
     * in AVX-512 builds of ND4J). Same seed → same initial weights.
     */
    public static MultiLayerNetwork build(int marks, int bins, long seed, Optimizer optimizer, double learningRate) {
        return build(marks, bins, seed, optimizer, learningRate, Task.CLASSIFICATION);
    }

    /** The network for {@code task}: regression swaps the softmax pair for one identity unit and MSE. */
    public static MultiLayerNetwork build(int marks, int bins, long seed, Optimizer optimizer, double learningRate,
                                          Task task) {
        if (bins < KERNEL + POOL - 1) {
            throw new org.deepchrome.core.BadInputException("the CNN needs at least " + (KERNEL + POOL - 1)
                    + " bins per gene, the matrix has " + bins);
        }
        NativeRuntime.loadNative();
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.getRandom().setSeed(seed);
        int pooled = pooledLength(bins);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(optimizer.updater(learningRate))
                .weightInit(WeightInit.XAVIER)
                // Workspaces reuse memory between minibatches; without them RSS grows to gigabytes.
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(new Convolution1DLayer.Builder()
                        .nIn(marks).nOut(FILTERS).kernelSize(KERNEL).stride(1)
                        .convolutionMode(ConvolutionMode.Truncate)
                        .rnnDataFormat(RNNFormat.NCW)
                        .activation(Activation.RELU).build())
                .layer(new Subsampling1DLayer.Builder(PoolingType.MAX)
                        .kernelSize(POOL).stride(POOL)
                        .convolutionMode(ConvolutionMode.Truncate).build())
                // DL4J's dropOut(p) takes the probability of RETAINING a unit: 1 − 0.5 = 0.5.
                // Set on the first dense layer, it drops the flattened pooled features, as in the paper.
                .layer(new DenseLayer.Builder().nOut(HIDDEN1).activation(Activation.RELU)
                        .dropOut(1.0 - DROP_PROBABILITY).build())
                .layer(new DenseLayer.Builder().nOut(HIDDEN2).activation(Activation.RELU).build())
                .layer(task == Task.REGRESSION
                        ? new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                .nOut(1).activation(Activation.IDENTITY).build()
                        : new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                .nOut(2).activation(Activation.SOFTMAX).build())
                .inputPreProcessor(2, new FlattenChannelsPreProcessor(FILTERS, pooled))
                .setInputType(InputType.recurrent(marks, bins, RNNFormat.NCW))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }
}
