package org.deepchrome.core.matrix;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * High/low labels from expression levels, the rule every tool labels genes with: label 1 when
 * a gene's value is strictly above the {@link Threshold} computed over the labelled genes'
 * values (by default their median, the paper's split), else 0. Genes without a value get no
 * label and are left out. bin-signals labels the matrix it writes this way; train and predict
 * label an unlabelled matrix (e.g. a computeMatrix file) from {@code --expression} the same way.
 */
public final class ExpressionLabels {
    private ExpressionLabels() {
    }

    /**
     * The labelled genes: {@code genes} are indices into the id list (those with a value, in
     * order), {@code labels} theirs, {@code cut} the threshold's value.
     */
    public record Labelled(int[] genes, int[] labels, double cut) {
        public int high() {
            return Arrays.stream(labels).sum();
        }

        /** Genes of the id list that had no value. */
        public int leftOut(int geneCount) {
            return geneCount - genes.length;
        }
    }

    /**
     * Labels the genes of {@code geneIds} that have a value in {@code values}; null when none has
     * one (the caller says which file lacks them).
     */
    public static Labelled label(List<String> geneIds, Map<String, Double> values, Threshold rule) {
        int[] genes = new int[geneIds.size()];
        double[] levels = new double[geneIds.size()];
        int n = 0;
        for (int g = 0; g < geneIds.size(); g++) {
            Double v = values.get(geneIds.get(g));
            if (v != null) {
                genes[n] = g;
                levels[n++] = v;
            }
        }
        if (n == 0) {
            return null;
        }
        levels = Arrays.copyOf(levels, n);
        double cut = rule.compute(levels);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = levels[i] > cut ? 1 : 0;
        }
        return new Labelled(Arrays.copyOf(genes, n), labels, cut);
    }

    /**
     * The genes of {@code matrix} that {@code labelled} kept, with their labels (replacing any the
     * matrix had).
     */
    public static GeneMatrix apply(GeneMatrix matrix, Labelled labelled) {
        return matrix.subset(labelled.genes()).withLabels(labelled.labels());
    }
}
