package org.deepchrome.model;

import org.deepchrome.core.matrix.GeneMatrix;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison models' view of a gene: its marks × bins values (after the transform) as one
 * flat feature vector, as in the paper's baselines. Train and predict build it the same way.
 */
public final class BaselineFeatures {
    public static final String HIGH = "1";
    public static final String LOW = "0";
    /** Label given to unlabelled genes; Tribuo needs some output on every example. */
    private static final Label UNKNOWN = LabelFactory.UNKNOWN_LABEL;

    private BaselineFeatures() {
    }

    /** Feature names {@code <mark>@<bin>} (bin 1-based), mark-major like the values. */
    public static String[] featureNames(List<String> marks, int bins) {
        String[] names = new String[marks.size() * bins];
        for (int m = 0; m < marks.size(); m++) {
            for (int b = 0; b < bins; b++) {
                names[m * bins + b] = String.format(Locale.ROOT, "%s@%03d", marks.get(m), b + 1);
            }
        }
        return names;
    }

    /** Each gene's values, mark-major, with {@code transform} applied: the rows the suite's forest and linear models fit. */
    public static float[][] rows(GeneMatrix matrix, InputTransform transform) {
        float[][] rows = new float[matrix.geneCount()][];
        for (int g = 0; g < rows.length; g++) {
            float[] v = matrix.values(g);
            rows[g] = new float[v.length];
            transform.apply(v, rows[g], 0);
        }
        return rows;
    }

    /** Tribuo examples of the matrix, for models written by earlier versions (Tribuo forests and linear models). */
    public static List<Example<Label>> examples(GeneMatrix matrix, InputTransform transform) {
        String[] names = featureNames(matrix.marks(), matrix.bins());
        List<Example<Label>> examples = new ArrayList<>(matrix.geneCount());
        for (int g = 0; g < matrix.geneCount(); g++) {
            float[] v = matrix.values(g);
            double[] x = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                x[i] = transform.apply(v[i]);
            }
            Label label = switch (matrix.label(g)) {
                case 1 -> new Label(HIGH);
                case 0 -> new Label(LOW);
                default -> UNKNOWN;
            };
            examples.add(new ArrayExample<>(label, names, x));
        }
        return examples;
    }

    /** A labelled Tribuo dataset of the matrix (every gene must carry a label). */
    public static MutableDataset<Label> dataset(GeneMatrix matrix, InputTransform transform, String source) {
        LabelFactory factory = new LabelFactory();
        ListDataSource<Label> data = new ListDataSource<>(examples(matrix, transform), factory,
                new SimpleDataSourceProvenance(source, factory));
        return new MutableDataset<>(data);
    }
}
