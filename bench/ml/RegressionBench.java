import org.deepchrome.core.matrix.ExpressionTable;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.model.CnnArchitecture;
import org.deepchrome.model.CnnModel;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.NativeRuntime;
import org.deepchrome.model.Optimizer;
import org.deepchrome.model.Task;
import org.deepchrome.model.kernel.CnnParameters;
import org.deepchrome.model.kernel.CnnTraining;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Epoch time of the regression CNN against the classification CNN, same matrix, same process:
 * the two alternate epoch by epoch, so a change in machine load hits both alike. Through the
 * classes deepchrome-train uses (CnnTraining on the kernel); targets log1p(expression).
 * Usage: java -cp 'tools/train/target/lib/*' bench/ml/RegressionBench.java TRAIN.csv[.gz] EXPRESSION.tsv COLUMN EPOCHS
 */
public class RegressionBench {
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) {
        GeneMatrix m = MatrixReader.read(Path.of(args[0]));
        Map<String, Double> table = ExpressionTable.read(Path.of(args[1]), args[2]);
        int epochs = Integer.parseInt(args[3]);
        NativeRuntime.configure(1);
        int n = m.geneCount();
        float[] targets = new float[n];
        for (int g = 0; g < n; g++) {
            Double v = table.get(m.geneId(g));
            targets[g] = v == null ? 0f : InputTransform.LOG1P.apply(v.floatValue());
        }
        float[] x = CnnModel.prepareInput(m, InputTransform.LOG1P, 0, n);
        int[] labels = m.labels();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        CnnTraining classification = new CnnTraining(CnnParameters.fromNetwork(CnnArchitecture.build(m.markCount(),
                m.bins(), 1, Optimizer.ADAM, 1e-3, Task.CLASSIFICATION), m.markCount(), m.bins()), Optimizer.ADAM, 1e-3, 32, 1);
        CnnTraining regression = new CnnTraining(CnnParameters.fromNetwork(CnnArchitecture.build(m.markCount(),
                m.bins(), 1, Optimizer.ADAM, 1e-3, Task.REGRESSION), m.markCount(), m.bins()), Optimizer.ADAM, 1e-3, 32, 1);
        double[][] wall = new double[2][epochs];
        double[][] cpu = new double[2][epochs];
        for (int e = 0; e <= epochs; e++) { // epoch 0 of each is warm-up
            for (int task = 0; task < 2; task++) {
                long t0 = System.nanoTime();
                long c0 = cpuNanos();
                if (task == 0) {
                    classification.epoch(x, labels, order, null);
                } else {
                    regression.epoch(x, targets, order, null);
                }
                if (e > 0) {
                    wall[task][e - 1] = (System.nanoTime() - t0) / 1e9;
                    cpu[task][e - 1] = (cpuNanos() - c0) / 1e9;
                }
            }
        }
        String[] names = {"classification", "regression"};
        for (int task = 0; task < 2; task++) {
            System.out.printf(Locale.ROOT, "deepchrome %s epoch: median %.3f s wall, %.3f s cpu (%d epochs, %d genes, "
                    + "batch 32, 1 thread)%n", names[task], median(wall[task]), median(cpu[task]), epochs, n);
        }
        System.out.printf(Locale.ROOT, "deepchrome regression/classification epoch time: %.3f wall, %.3f cpu%n",
                median(wall[1]) / median(wall[0]), median(cpu[1]) / median(cpu[0]));
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
