package org.deepchrome.visualize.explain;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Class scores S_c(X) (the logits before the softmax) of a trained DL4J classifier and their
 * gradient with respect to the input X, computed by DL4J's own backpropagation.
 * <p>
 * It works on a copy of the network without dropout (so the gradient is that of the
 * deterministic network used for prediction) and with {@link NegatedScoreLoss} as the output
 * layer's loss, so that backpropagating "the loss" yields −Σ_c w_c ∂S_c/∂X. The copy runs in
 * the trained network's precision unless another is asked for (tests use double precision for
 * finite-difference checks; the tool keeps float, which ND4J handles without leaking memory).
 */
public final class ClassScoreGradient {
    private final MultiLayerNetwork scorer;
    private final int classes;
    private final DataType dataType;

    public ClassScoreGradient(MultiLayerNetwork trained) {
        this(trained, trained.getLayerWiseConfigurations().getDataType());
    }

    public ClassScoreGradient(MultiLayerNetwork trained, DataType dataType) {
        this.dataType = dataType;
        MultiLayerConfiguration conf = trained.getLayerWiseConfigurations().clone();
        conf.setDataType(dataType);
        BaseOutputLayer output = null;
        for (NeuralNetConfiguration layerConf : conf.getConfs()) {
            Layer layer = layerConf.getLayer();
            layer.setIDropout(null);
            if (layer instanceof BaseOutputLayer out) {
                output = out;
            }
        }
        if (output == null) {
            throw new IllegalArgumentException("the network has no output layer");
        }
        output.setLossFn(new NegatedScoreLoss());
        classes = (int) output.getNOut();
        scorer = new MultiLayerNetwork(conf);
        scorer.init(trained.params().castTo(dataType).dup(), false);
    }

    public int classes() {
        return classes;
    }

    /** Precision of the computation; inputs are cast to it. */
    public DataType dataType() {
        return dataType;
    }

    /** Class scores, one row per input: {@code [n, classes]}. Input is NCW {@code [n, marks, bins]}. */
    public INDArray scores(INDArray input) {
        synchronized (scorer) {
            return scoresOf(input);
        }
    }

    private INDArray scoresOf(INDArray input) {
        int n = (int) input.size(0);
        INDArray scores = org.nd4j.linalg.factory.Nd4j.zeros(DataType.DOUBLE, n, classes);
        INDArray x = input.castTo(dataType);
        for (int c = 0; c < classes; c++) {
            INDArray weights = oneHot(n, c);
            INDArray negated = scorer.scoreExamples(new DataSet(x, weights), false);
            scores.getColumn(c).assign(negated.castTo(DataType.DOUBLE).reshape(n).neg());
        }
        return scores;
    }

    /**
     * ∂(Σ_c w[i,c]·S_c(X_i))/∂X_i for each input i, shaped like the input.
     * With w a one-hot row per input this is the gradient of that input's chosen class score.
     */
    public INDArray gradient(INDArray input, INDArray weights) {
        INDArray x = input.castTo(dataType);
        INDArray w = weights.castTo(dataType);
        synchronized (scorer) { // DL4J networks keep per-call state
            INDArray negated = scorer.calculateGradients(x, w, null, null).getSecond();
            return negated.castTo(DataType.DOUBLE).neg();
        }
    }

    /** Rows of weights selecting class {@code c} for {@code n} inputs. */
    public INDArray oneHot(int n, int c) {
        INDArray w = org.nd4j.linalg.factory.Nd4j.zeros(dataType, n, classes);
        w.getColumn(c).assign(1.0);
        return w;
    }
}
