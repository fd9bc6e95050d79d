package org.deepchrome.model;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.model.forest.RandomForest;

/**
 * A trained random forest ({@code rf}) on the flattened marks × bins features, transformed as
 * recorded in the metadata. Its probability of "high" is the mean leaf fraction over the trees.
 */
public final class ForestModel extends DeepChromeModel {
    private final RandomForest forest;

    public ForestModel(ModelMetadata metadata, RandomForest forest) {
        super(metadata);
        if (metadata.kind() != ModelKind.RF) {
            throw new IllegalArgumentException("ForestModel holds an rf, not a " + metadata.kind());
        }
        if (forest.features() != metadata.marks().size() * metadata.bins()) {
            throw new IllegalArgumentException("forest over " + forest.features() + " features, metadata says "
                    + metadata.marks().size() + " marks × " + metadata.bins() + " bins");
        }
        this.forest = forest;
    }

    public RandomForest forest() {
        return forest;
    }

    /** Each gene's values, mark-major, with {@code transform} applied: the rows the forest is trained on. */
    public static float[][] rows(GeneMatrix matrix, InputTransform transform) {
        float[][] rows = new float[matrix.geneCount()][];
        for (int g = 0; g < rows.length; g++) {
            float[] v = matrix.values(g);
            rows[g] = new float[v.length];
            transform.apply(v, rows[g], 0);
        }
        return rows;
    }

    @Override
    public double[] probabilityHigh(GeneMatrix matrix) {
        double[] p = new double[matrix.geneCount()];
        float[] x = new float[forest.features()];
        InputTransform t = transform();
        for (int g = 0; g < p.length; g++) {
            t.apply(matrix.values(g), x, 0);
            p[g] = forest.probabilityHigh(x);
        }
        return p;
    }
}
