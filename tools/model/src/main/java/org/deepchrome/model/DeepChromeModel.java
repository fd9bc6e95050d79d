package org.deepchrome.model;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.matrix.GeneMatrix;

import java.nio.file.Path;
import java.util.List;

/**
 * A trained model of any kind: it scores genes with the probability of high expression.
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
