package org.deepchrome.binsignals;

import org.deepchrome.core.cli.Reporter;
import org.deepchrome.core.matrix.GeneMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns each mark that has an input control into the control comparison deepTools' bamCompare
 * computes, bin by bin: {@code operation(mark × f1, control × f2, pseudocount)}, where with
 * readcount scaling f = min(library sizes) / own library size (libraries = reads passing the
 * filters over the whole file). A bigWig has no read count, so its pair is left unscaled
 * (one warning). Marks without a control keep their values.
 */
final class ControlComparison {
    private ControlComparison() {
    }

    /**
     * @param counted    the counts of the marks followed by those of the controls
     * @param controlOf  for each mark, the index (in {@code counted}) of its control, or -1
     */
    static GeneMatrix apply(GeneMatrix counted, SignalCounter.Result result, List<MarkInput> marks, int[] controlOf,
                            ControlOperation operation, ScaleFactors method, double pseudocount, Reporter reporter) {
        int bins = counted.bins();
        int markCount = marks.size();
        double[] markScale = new double[markCount];
        double[] controlScale = new double[markCount];
        for (int m = 0; m < markCount; m++) {
            markScale[m] = 1;
            controlScale[m] = 1;
            int c = controlOf[m];
            if (c < 0 || method == ScaleFactors.NONE) {
                continue;
            }
            MarkCounts mc = result.counts().get(m);
            MarkCounts cc = result.counts().get(c);
            if (mc.track() || cc.track()) {
                reporter.warning("--scale-factors-method readcount: " + (mc.track() ? marks.get(m).file()
                        : result.marks().get(c).file()) + " is a bigWig (no read count); " + marks.get(m).name()
                        + " and its control are compared unscaled");
                continue;
            }
            long a = mc.librarySize();
            long b = cc.librarySize();
            long min = Math.min(a, b);
            markScale[m] = a == 0 ? 1 : (double) min / a;
            controlScale[m] = b == 0 ? 1 : (double) min / b;
            reporter.status(String.format(Locale.ROOT, "%s: scale factors %.6g (%,d reads) and %.6g for its control (%,d reads)",
                    marks.get(m).name(), markScale[m], a, controlScale[m], b));
        }
        List<float[]> values = new ArrayList<>(counted.geneCount());
        for (int g = 0; g < counted.geneCount(); g++) {
            float[] all = counted.values(g);
            float[] v = new float[markCount * bins];
            for (int m = 0; m < markCount; m++) {
                int c = controlOf[m];
                for (int b = 0; b < bins; b++) {
                    double x = all[m * bins + b];
                    v[m * bins + b] = c < 0 ? (float) x : (float) operation.apply(x * markScale[m],
                            all[c * bins + b] * controlScale[m], pseudocount);
                }
            }
            values.add(v);
        }
        GeneMatrix out = new GeneMatrix(marks.stream().map(MarkInput::name).toList(), bins, counted.geneIds(), values,
                null);
        boolean anyControl = false;
        for (int c : controlOf) {
            anyControl |= c >= 0;
        }
        return anyControl && operation.signed() ? out.asSigned() : out;
    }
}
