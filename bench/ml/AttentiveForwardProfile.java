import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.model.CnnModel;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.attentive.AttentiveForward;
import org.deepchrome.model.attentive.AttentiveKernel;
import org.deepchrome.model.attentive.AttentiveParameters;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Genes per CPU-second of one thread: the training kernel's forward pass (AttentiveKernel, the
 * inference path before AttentiveForward) against AttentiveForward, on the first N genes of a
 * matrix, initial weights (seed 1), three rounds. Profiling aid for docs/benchmarks.md.
 * Usage: java -cp 'tools/train/target/lib/*' bench/ml/AttentiveForwardProfile.java TEST.csv.gz N old
 */
public class AttentiveForwardProfile {
    public static void main(String[] args) {
        GeneMatrix m = MatrixReader.read(Path.of(args[0]));
        int n = Math.min(m.geneCount(), Integer.parseInt(args[1]));
        float[] x = CnnModel.prepareInput(m, InputTransform.LOG1P, 0, n);
        AttentiveParameters p = AttentiveParameters.initial(m.markCount(), m.bins(), 1);
        for (int rep = 0; rep < 3; rep++) {
            if (args.length > 2 && args[2].contains("old")) {
                AttentiveKernel k = new AttentiveKernel(p, 64, false);
                long t = cpu();
                double s = 0;
                for (int from = 0; from < n; from += 64) {
                    int c = Math.min(64, n - from);
                    k.forward(x, from, c);
                    s += k.output(0);
                }
                report("kernel chunk 64", n, t, s);
            }
            for (int chunk : new int[] {32}) {
                AttentiveForward f = new AttentiveForward(p, chunk, false);
                long t = cpu();
                double s = 0;
                for (int from = 0; from < n; from += chunk) {
                    int c = Math.min(chunk, n - from);
                    f.forward(x, from, c);
                    s += f.output(0);
                }
                report("forward chunk " + chunk, n, t, s);
            }
        }
    }

    static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    static void report(String what, int n, long start, double check) {
        double sec = (cpu() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-18s %7.0f genes/cpu-s (%.2f cpu-s, check %.4f)%n", what, n / sec, sec, check);
    }
}
