package org.deepchrome.model;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.model.forest.RandomForest;

/**
 * A trained random forest ({@code rf}) on the flattened marks × bins features, transformed as
 * recorded in the metadata. Its probability of "high" is the mean leaf fraction over the trees;
 * a regression forest's level is the mean over the trees of the leaf means.
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

    @Override
    public double[] probabilityHigh(GeneMatrix matrix) {
        requireClassifier();
        return leafMeans(matrix);
    }

    @Override
    public double[] predictLevel(GeneMatrix matrix) {
        return isRegression() ? leafMeans(matrix) : super.predictLevel(matrix);
    }

    private double[] leafMeans(GeneMatrix matrix) {
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
