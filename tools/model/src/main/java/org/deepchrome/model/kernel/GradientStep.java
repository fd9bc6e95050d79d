package org.deepchrome.model.kernel;

import org.deepchrome.model.Optimizer;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.RmsProp;

/**
 * One update of the weights from their gradients, by the rules of DL4J's updaters with their
 * default hyperparameters (Adam β1 0.9, β2 0.999, ε 1e-8; RMSProp decay 0.95, ε 1e-8, running mean starting at ε; plain
 * SGD). Tests compare each rule with DL4J's own updater.
 */
public abstract class GradientStep {
    protected final float learningRate;

    private GradientStep(double learningRate) {
        this.learningRate = (float) learningRate;
    }

    /** The rule for {@code optimizer}, with state sized like {@code shape}. */
    public static GradientStep of(Optimizer optimizer, double learningRate, CnnParameters shape) {
        return switch (optimizer) {
            case ADAM -> new AdamStep(learningRate, shape);
            case SGD -> new SgdStep(learningRate);
            case RMSPROP -> new RmsPropStep(learningRate, shape);
        };
    }

    /** Moves {@code parameters} against {@code gradients}; call once per minibatch. */
    public abstract void apply(CnnParameters parameters, CnnParameters gradients);

    private static final class SgdStep extends GradientStep {
        SgdStep(double learningRate) {
            super(learningRate);
        }

        @Override
        public void apply(CnnParameters parameters, CnnParameters gradients) {
            float[][] p = parameters.tensors();
            float[][] g = gradients.tensors();
            for (int t = 0; t < p.length; t++) {
                float[] w = p[t];
                float[] d = g[t];
                for (int i = 0; i < w.length; i++) {
                    w[i] -= learningRate * d[i];
                }
            }
        }
    }

    private static final class AdamStep extends GradientStep {
        private static final Adam DEFAULTS = new Adam();
        private final float beta1 = (float) DEFAULTS.getBeta1();
        private final float beta2 = (float) DEFAULTS.getBeta2();
        private final float epsilon = (float) DEFAULTS.getEpsilon();
        private final float[][] firstMoment;
        private final float[][] secondMoment;
        private int iteration;

        AdamStep(double learningRate, CnnParameters shape) {
            super(learningRate);
            firstMoment = CnnParameters.zerosLike(shape).tensors();
            secondMoment = CnnParameters.zerosLike(shape).tensors();
        }

        @Override
        public void apply(CnnParameters parameters, CnnParameters gradients) {
            iteration++;
            // Bias correction folded into the step size, as DL4J's AdamUpdater does.
            double correction = Math.sqrt(1 - Math.pow(beta2, iteration)) / (1 - Math.pow(beta1, iteration));
            float alpha = (float) (learningRate * correction);
            float[][] p = parameters.tensors();
            float[][] g = gradients.tensors();
            for (int t = 0; t < p.length; t++) {
                float[] w = p[t];
                float[] d = g[t];
                float[] m = firstMoment[t];
                float[] v = secondMoment[t];
                for (int i = 0; i < w.length; i++) {
                    float gi = d[i];
                    float mi = beta1 * m[i] + (1 - beta1) * gi;
                    float vi = beta2 * v[i] + (1 - beta2) * gi * gi;
                    m[i] = mi;
                    v[i] = vi;
                    w[i] -= alpha * mi / ((float) Math.sqrt(vi) + epsilon);
                }
            }
        }
    }

    private static final class RmsPropStep extends GradientStep {
        private static final RmsProp DEFAULTS = new RmsProp();
        private final float decay = (float) DEFAULTS.getRmsDecay();
        private final float epsilon = (float) DEFAULTS.getEpsilon();
        private final float[][] meanSquare;

        RmsPropStep(double learningRate, CnnParameters shape) {
            super(learningRate);
            meanSquare = CnnParameters.zerosLike(shape).tensors();
            for (float[] t : meanSquare) {
                java.util.Arrays.fill(t, epsilon); // DL4J starts the running mean at ε, not 0
            }
        }

        @Override
        public void apply(CnnParameters parameters, CnnParameters gradients) {
            float[][] p = parameters.tensors();
            float[][] g = gradients.tensors();
            for (int t = 0; t < p.length; t++) {
                float[] w = p[t];
                float[] d = g[t];
                float[] s = meanSquare[t];
                for (int i = 0; i < w.length; i++) {
                    float gi = d[i];
                    float si = decay * s[i] + (1 - decay) * gi * gi;
                    s[i] = si;
                    w[i] -= learningRate * gi / ((float) Math.sqrt(si) + epsilon);
                }
            }
        }
    }
}
