package org.deepchrome.model;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.matrix.GeneMatrix;

import java.nio.file.Path;
import java.util.List;

/**
 * A trained model of any kind: a classifier scores genes with the probability of high
 * expression ({@link #probabilityHigh}), a regression model predicts their level ({@link #predictLevel}).
 * Subclasses hold the learned parameters; this class holds the metadata and the checks
 * shared by every kind.
 */
public abstract class DeepChromeModel implements AutoCloseable {
    private final ModelMetadata metadata;

    protected DeepChromeModel(ModelMetadata metadata) {
        this.metadata = metadata;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public ModelKind kind() {
        return metadata.kind();
    }

    public List<String> marks() {
        return metadata.marks();
    }

    public int bins() {
        return metadata.bins();
    }

    public InputTransform transform() {
        return metadata.transform();
    }

    public Task task() {
        return metadata.task();
    }

    public boolean isRegression() {
        return metadata.isRegression();
    }

    /** Regression: how the expression level was transformed before training ({@code none} when not recorded). */
    public InputTransform targetTransform() {
        return metadata.targetTransform() == null ? InputTransform.NONE : metadata.targetTransform();
    }

    /**
     * Regression models: the predicted expression level of each gene on the model's target scale
     * (after {@link #targetTransform()}; {@link InputTransform#invert} gives the original scale).
     */
    public double[] predictLevel(GeneMatrix matrix) {
        throw new UnsupportedOperationException("the " + kind() + " model is a classifier; it predicts no level");
    }

    /** Fails unless this is a classifier: a regression model's output is no probability. */
    protected void requireClassifier() {
        if (isRegression()) {
            throw new UnsupportedOperationException("the " + kind() + " model is a regression model; it gives no "
                    + "probability of high expression");
        }
    }

    /**
     * Probability (or, for the SVM, a monotone score in (0, 1)) that each gene is highly
     * expressed, in the matrix's gene order. Works in batches, so any matrix size is fine.
     * Call {@link #checkCompatible} first; this method assumes the layout matches.
     */
    public abstract double[] probabilityHigh(GeneMatrix matrix);

    /** Releases worker threads, if the kind keeps any; the model can still be used afterwards. */
    @Override
    public void close() {
    }

    /** Fails with one line naming {@code file} when its marks, mark order or bin count differ from the model's. */
    public void checkCompatible(GeneMatrix matrix, Path file) {
        if (!matrix.marks().equals(marks())) {
            String what = matrix.marks().size() == marks().size()
                    && matrix.marks().containsAll(marks()) ? "mark order" : "marks";
            throw new BadInputException(file + ": " + what + " " + matrix.marks()
                    + " do not match the model's " + marks());
        }
        if (matrix.bins() != bins()) {
            throw new BadInputException(file + ": " + matrix.bins() + " bins per gene, the model expects "
                    + bins());
        }
    }

    /** The values of one gene with the model's transform applied, mark-major like {@link GeneMatrix#values}. */
    public float[] transformedValues(GeneMatrix matrix, int gene) {
        float[] raw = matrix.values(gene);
        float[] out = new float[raw.length];
        InputTransform t = transform();
        for (int i = 0; i < raw.length; i++) {
            out[i] = t.apply(raw[i]);
        }
        return out;
    }
}
