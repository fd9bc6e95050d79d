import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.model.CnnModel;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.attentive.AttentiveInference;
import org.deepchrome.model.attentive.AttentiveParameters;
import org.deepchrome.model.attentive.AttentiveTraining;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Suite side of the attentive benchmark: seconds per training epoch (batch 32, Adam, clipping)
 * and inference genes per second, through the classes deepchrome-train and -predict use.
 * Usage: java -cp 'tools/train/target/lib/*' bench/ml/AttentiveBench.java TRAIN.csv[.gz] THREADS EPOCHS TEST.csv[.gz]
 */
public class AttentiveBench {
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) {
        GeneMatrix m = MatrixReader.read(Path.of(args[0]));
        int threads = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        int n = m.geneCount();
        float[] x = CnnModel.prepareInput(m, InputTransform.LOG1P, 0, n);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = m.labels()[i];
        }
        AttentiveParameters p = AttentiveParameters.initial(m.markCount(), m.bins(), 1);
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> new Thread(() -> {
            org.deepchrome.model.kernel.Sgemm.setThreads(1);
            r.run();
        })) : null;
        AttentiveTraining training = new AttentiveTraining(p, 1e-3, 32, false, pool);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random r = new Random(1);
        for (int e = 1; e <= epochs; e++) {
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            long w = System.nanoTime();
            long c = cpuNanos();
            double loss = training.epoch(x, y, order, null);
            System.out.printf(Locale.ROOT, "attentive epoch %d: train %.3f s wall, %.3f s cpu, loss %.4f%n", e,
                    (System.nanoTime() - w) / 1e9, (cpuNanos() - c) / 1e9, loss);
        }
        if (pool != null) {
            pool.shutdown();
        }
        GeneMatrix test = MatrixReader.read(Path.of(args[3]));
        int nt = test.geneCount();
        float[] xt = CnnModel.prepareInput(test, InputTransform.LOG1P, 0, nt);
        try (AttentiveInference inference = new AttentiveInference(p, false, threads)) {
            double best = Double.MAX_VALUE;
            double bestCpu = Double.MAX_VALUE;
            for (int rep = 0; rep < 3; rep++) {
                long w = System.nanoTime();
                long c = cpuNanos();
                inference.outputs(xt, nt);
                best = Math.min(best, (System.nanoTime() - w) / 1e9);
                bestCpu = Math.min(bestCpu, (cpuNanos() - c) / 1e9);
            }
            System.out.printf(Locale.ROOT, "attentive predict %.0f genes/s wall, %.0f genes per CPU-s (best of 3, %d test "
                    + "genes, chunk %d, %d threads)%n", nt / best, nt / bestCpu, nt, AttentiveInference.CHUNK, threads);
        }
    }
}
