import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.model.CnnArchitecture;
import org.deepchrome.model.CnnModel;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.ModelMetadata;
import org.deepchrome.model.NativeRuntime;
import org.deepchrome.model.Optimizer;
import org.deepchrome.model.kernel.CnnParameters;
import org.deepchrome.model.kernel.CnnTraining;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Suite side of the train/predict benchmark: seconds per training epoch (batch 32, the paper's
 * network, Adam) and inference genes per second (chunks of CnnModel.INFERENCE_CHUNK), on one
 * matrix, through the same classes deepchrome-train and deepchrome-predict use.
 * Usage: java -cp 'tools/train/target/lib/*' bench/ml/CnnBench.java MATRIX.csv[.gz] THREADS EPOCHS
 */
public class CnnBench {
    /** CPU time of the whole process (all threads, native ones included): fairer than wall time on a shared machine. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) {
        GeneMatrix m = MatrixReader.read(Path.of(args[0]));
        int threads = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        NativeRuntime.configure(threads);
        MultiLayerNetwork net = CnnArchitecture.build(m.markCount(), m.bins(), 1, Optimizer.ADAM, 1e-3);
        CnnModel model = new CnnModel(new ModelMetadata(ModelMetadata.FORMAT, ModelKind.CNN, m.marks(), m.bins(),
                InputTransform.LOG1P, 1, "bench", 0, 0, Map.of(), Map.of()), net);
        int n = m.geneCount();
        float[] x = model.prepareInput(m, 0, n);
        int[] labels = m.labels();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // The code path of deepchrome-train: CnnTraining (kernel passes, oneDNN products, Adam).
        CnnTraining training = new CnnTraining(CnnParameters.fromNetwork(net, m.markCount(), m.bins()),
                Optimizer.ADAM, 1e-3, 32, 1);
        for (int e = 0; e <= epochs; e++) { // epoch 0 is warm-up
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            training.epoch(x, labels, order, null);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "deepchrome train epoch %d: %.3f s wall, %.3f s cpu (%d genes, batch 32, "
                    + "%d threads)%n", e, s, (cpuNanos() - c0) / 1e9, n, threads);
        }
        // Network alone on transformed input (what PyTorch's figure measures), then end to end
        // from the matrix (transform included, what deepchrome-predict does).
        for (int rep = 0; rep <= 3; rep++) {
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            model.probabilityHigh(x, n);
            double s = (System.nanoTime() - t0) / 1e9;
            double c = (cpuNanos() - c0) / 1e9;
            System.out.printf(Locale.ROOT, "deepchrome predict (network) rep %d: %.0f genes/s wall, %.0f genes/cpu-s "
                    + "(chunk %d)%n", rep, n / s, n / c, CnnModel.INFERENCE_CHUNK);
        }
        for (int rep = 0; rep <= 3; rep++) {
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            model.probabilityHigh(m);
            double s = (System.nanoTime() - t0) / 1e9;
            double c = (cpuNanos() - c0) / 1e9;
            System.out.printf(Locale.ROOT, "deepchrome predict (from matrix) rep %d: %.0f genes/s wall, %.0f genes/cpu-s (chunk %d)%n",
                    rep, n / s, n / c, CnnModel.INFERENCE_CHUNK);
        }
    }
}
