package org.deepchrome.visualize.explain;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A "loss" that is minus the weighted class score before the softmax: L = −Σ_c w_c·z_c, where
 * z are the output layer's pre-activations (the logits) and w comes in as the labels. Back-
 * propagating it through DL4J yields −∂(Σ w_c z_c)/∂input; with w = one-hot(c) that is −∂S_c/∂X.
 * It ignores the output activation on purpose: the class score of Simonyan et al. is the
 * unnormalised score, not the softmax probability.
 */
final class NegatedScoreLoss implements ILossFunction {
    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn,
            INDArray mask) {
        INDArray weighted = labels.castTo(preOutput.dataType()).mul(preOutput);
        if (mask != null) {
            weighted.muliColumnVector(mask.castTo(preOutput.dataType()));
        }
        return weighted.sum(true, 1).negi();
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
            boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn,
            INDArray mask) {
        INDArray gradient = labels.castTo(preOutput.dataType()).neg();
        if (mask != null) {
            gradient.muliColumnVector(mask.castTo(preOutput.dataType()));
        }
        return gradient;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
            IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "negated-class-score";
    }
}
