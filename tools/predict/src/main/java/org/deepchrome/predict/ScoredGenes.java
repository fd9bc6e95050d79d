package org.deepchrome.predict;

import org.deepchrome.core.matrix.GeneMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What predict keeps of a matrix scored chunk by chunk: per gene its id, the model's output
 * (P(high) or a level) and its label and expression level when the matrix has them — tens of
 * bytes per gene, where the gene's values are kilobytes.
 */
final class ScoredGenes {
    private final List<String> ids;
    private double[] outputs;
    private int[] labels; // null: the matrix has none
    private float[] targets; // null: the matrix has no expression column
    private int size;

    ScoredGenes(boolean withLabels, boolean withTargets) {
        ids = new ArrayList<>();
        outputs = new double[1024];
        labels = withLabels ? new int[1024] : null;
        targets = withTargets ? new float[1024] : null;
    }

    private ScoredGenes(List<String> ids, double[] outputs, int[] labels, float[] targets) {
        this.ids = ids;
        this.outputs = outputs;
        this.labels = labels;
        this.targets = targets;
        this.size = ids.size();
    }

    /** Appends a chunk's genes with the model's outputs for them. */
    void add(GeneMatrix chunk, double[] out) {
        int n = chunk.geneCount();
        if (size + n > outputs.length) {
            int capacity = Math.max(size + n, 2 * outputs.length);
            outputs = Arrays.copyOf(outputs, capacity);
            labels = labels == null ? null : Arrays.copyOf(labels, capacity);
            targets = targets == null ? null : Arrays.copyOf(targets, capacity);
        }
        for (int g = 0; g < n; g++) {
            ids.add(chunk.geneId(g));
            outputs[size + g] = out[g];
            if (labels != null) {
                labels[size + g] = chunk.label(g);
            }
            if (targets != null) {
                targets[size + g] = chunk.target(g);
            }
        }
        size += n;
    }

    int size() {
        return size;
    }

    List<String> ids() {
        return ids;
    }

    /** The outputs in gene order (a copy of the right length). */
    double[] outputs() {
        return Arrays.copyOf(outputs, size);
    }

    /** The labels in gene order, or null when the matrix has none. */
    int[] labels() {
        return labels == null ? null : Arrays.copyOf(labels, size);
    }

    /** The expression levels in gene order (NaN = none), or null when the matrix has no expression column. */
    float[] targets() {
        return targets == null ? null : Arrays.copyOf(targets, size);
    }

    /** The genes at {@code genes} (in that order) with new labels. */
    ScoredGenes labelled(int[] genes, int[] newLabels) {
        List<String> keptIds = new ArrayList<>(genes.length);
        double[] keptOutputs = new double[genes.length];
        float[] keptTargets = targets == null ? null : new float[genes.length];
        for (int i = 0; i < genes.length; i++) {
            keptIds.add(ids.get(genes[i]));
            keptOutputs[i] = outputs[genes[i]];
            if (keptTargets != null) {
                keptTargets[i] = targets[genes[i]];
            }
        }
        return new ScoredGenes(keptIds, keptOutputs, newLabels.clone(), keptTargets);
    }
}
