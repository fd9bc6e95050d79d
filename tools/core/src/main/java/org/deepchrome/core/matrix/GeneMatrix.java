package org.deepchrome.core.matrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Histone-mark signal of many genes in the DeepChrome layout: per gene, {@code marks × bins}
 * values stored mark-major ({@code value(gene, mark, bin) = values[gene][mark * bins + bin]}),
 * which is the channels × length order a Conv1D expects. Bins are 0-based here and
 * 1-based in files. Labels are 1 (high), 0 (low) or {@link #NO_LABEL}. Optional per-gene
 * targets hold the expression level a regression model learns ({@link Float#NaN} = no value).
 */
public final class GeneMatrix {
    public static final int NO_LABEL = -1;

    /** The five marks of the paper, in the column order of its data files. */
    public static final List<String> PAPER_MARKS =
            List.of("H3K27me3", "H3K36me3", "H3K4me1", "H3K4me3", "H3K9me3");

    private final List<String> marks;
    private final int bins;
    private final List<String> geneIds;
    private final List<float[]> values;
    private final int[] labels;
    private final float[] targets;
    /** Values may be negative (e.g. log2 over an input control); files say so in their first line. */
    private boolean signed;

    public GeneMatrix(List<String> marks, int bins, List<String> geneIds, List<float[]> values, int[] labels) {
        this(marks, bins, geneIds, values, labels, null);
    }

    /** {@code targets}: one expression level per gene (NaN where a gene has none), or null. */
    public GeneMatrix(List<String> marks, int bins, List<String> geneIds, List<float[]> values, int[] labels,
                      float[] targets) {
        this.marks = List.copyOf(marks);
        this.bins = bins;
        this.geneIds = List.copyOf(geneIds);
        this.values = List.copyOf(values);
        this.labels = labels == null ? null : labels.clone();
        this.targets = targets == null ? null : targets.clone();
        if (geneIds.size() != values.size() || (labels != null && labels.length != geneIds.size())
                || (targets != null && targets.length != geneIds.size())) {
            throw new IllegalArgumentException("genes, values, labels and targets differ in length");
        }
        for (float[] v : values) {
            if (v.length != marks.size() * bins) {
                throw new IllegalArgumentException("a gene has " + v.length + " values, expected "
                        + marks.size() * bins);
            }
        }
    }

    public List<String> marks() {
        return marks;
    }

    public int markCount() {
        return marks.size();
    }

    public int bins() {
        return bins;
    }

    public int geneCount() {
        return geneIds.size();
    }

    public String geneId(int gene) {
        return geneIds.get(gene);
    }

    public List<String> geneIds() {
        return geneIds;
    }

    /** The gene's values, mark-major; do not modify. */
    public float[] values(int gene) {
        return values.get(gene);
    }

    public float value(int gene, int mark, int bin) {
        return values.get(gene)[mark * bins + bin];
    }

    public boolean hasLabels() {
        return labels != null;
    }

    public int label(int gene) {
        return labels == null ? NO_LABEL : labels[gene];
    }

    /** Labels of all genes, or null when the matrix carries none. */
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    public boolean hasTargets() {
        return targets != null;
    }

    /** The gene's expression level, NaN when it has none or the matrix carries no targets. */
    public float target(int gene) {
        return targets == null ? Float.NaN : targets[gene];
    }

    /** Targets of all genes (NaN = no value), or null when the matrix carries none. */
    public float[] targets() {
        return targets == null ? null : targets.clone();
    }

    /**
     * True when the values may be negative (a log2 ratio or difference over a control): such
     * files start with {@link MatrixWriter#SIGNED_LINE}, and log1p does not apply to them.
     */
    public boolean signed() {
        return signed;
    }

    /** The same matrix marked signed (values may be negative). */
    public GeneMatrix asSigned() {
        GeneMatrix copy = new GeneMatrix(marks, bins, geneIds, values, labels, targets);
        copy.signed = true;
        return copy;
    }

    /** True when the marks are the paper's five in its order, so files need no header. */
    public boolean hasPaperMarks() {
        return marks.equals(PAPER_MARKS);
    }

    /** The genes at the given indices, in that order. */
    public GeneMatrix subset(int[] genes) {
        List<String> ids = new ArrayList<>(genes.length);
        List<float[]> vals = new ArrayList<>(genes.length);
        int[] labs = labels == null ? null : new int[genes.length];
        float[] targs = targets == null ? null : new float[genes.length];
        for (int i = 0; i < genes.length; i++) {
            ids.add(geneIds.get(genes[i]));
            vals.add(values.get(genes[i]));
            if (labs != null) {
                labs[i] = labels[genes[i]];
            }
            if (targs != null) {
                targs[i] = targets[genes[i]];
            }
        }
        GeneMatrix part = new GeneMatrix(marks, bins, ids, vals, labs, targs);
        part.signed = signed;
        return part;
    }

    /** The same genes and values with new labels (or none). */
    public GeneMatrix withLabels(int[] newLabels) {
        GeneMatrix labelled = new GeneMatrix(marks, bins, geneIds, values, newLabels, targets);
        labelled.signed = signed;
        return labelled;
    }

    /** The same genes, values and labels with new targets (or none). */
    public GeneMatrix withTargets(float[] newTargets) {
        GeneMatrix targeted = new GeneMatrix(marks, bins, geneIds, values, labels, newTargets);
        targeted.signed = signed;
        return targeted;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GeneMatrix other)) {
            return false;
        }
        if (!marks.equals(other.marks) || bins != other.bins || !geneIds.equals(other.geneIds)
                || !Arrays.equals(labels, other.labels) || !Arrays.equals(targets, other.targets)) {
            return false;
        }
        for (int g = 0; g < values.size(); g++) {
            if (!Arrays.equals(values.get(g), other.values.get(g))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(marks, bins, geneIds);
    }
}
