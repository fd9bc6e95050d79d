package org.deepchrome.train;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.cli.Reporter;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.model.InputTransform;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The expression level each gene of a matrix is trained towards: from an expression table
 * matched by gene id, or else from the matrix's own {@code expression} column. Genes without a
 * value are left out with one warning counting them; a matrix none of whose genes has a value
 * is an error, one line.
 */
final class RegressionTargets {
    private RegressionTargets() {
    }

    /**
     * The genes of {@code matrix} that have a value, carrying it as their target (raw scale).
     * {@code table} (from {@code tableFile}) wins over the matrix's column when given.
     */
    static GeneMatrix attach(GeneMatrix matrix, Path file, Map<String, Double> table, Path tableFile,
                             InputTransform targetTransform, Reporter reporter) {
        if (table == null && !matrix.hasTargets()) {
            throw new BadInputException(file + ": regression needs each gene's expression level: give "
                    + "--expression TABLE, or a matrix with an 'expression' column (bin-signals --write-expression)");
        }
        float[] targets = new float[matrix.geneCount()];
        int[] kept = new int[matrix.geneCount()];
        int count = 0;
        for (int g = 0; g < targets.length; g++) {
            Double v = table != null ? table.get(matrix.geneId(g)) : Double.valueOf(matrix.target(g));
            float t = v == null ? Float.NaN : v.floatValue();
            if (Float.isNaN(t)) {
                continue;
            }
            if (targetTransform == InputTransform.LOG1P && t < 0) {
                throw new BadInputException((table != null ? tableFile : file) + ": gene " + matrix.geneId(g)
                        + " has expression " + v + "; --target-transform log1p needs values >= 0 "
                        + "(use --target-transform none for signed values)");
            }
            targets[count] = t;
            kept[count++] = g;
        }
        String source = table != null ? tableFile.toString() : "its expression column";
        if (count == 0) {
            throw new BadInputException(file + ": no gene has an expression value in " + source
                    + (table != null ? " (gene ids differ?)" : ""));
        }
        int missing = matrix.geneCount() - count;
        if (missing > 0) {
            reporter.warning(String.format(Locale.ROOT, "%s: %d of %d genes have no expression value in %s; "
                    + "they are left out", file, missing, matrix.geneCount(), source));
        }
        int[] genes = java.util.Arrays.copyOf(kept, count);
        return matrix.subset(genes).withTargets(java.util.Arrays.copyOf(targets, count));
    }

    /** The targets after the transform, as the models learn them. */
    static float[] transformed(GeneMatrix matrix, InputTransform targetTransform) {
        float[] t = matrix.targets();
        for (int g = 0; g < t.length; g++) {
            t[g] = targetTransform.apply(t[g]);
        }
        return t;
    }

    /** {@code a} widened to doubles, as the metrics take them. */
    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
