import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.core.matrix.MatrixReader;
import org.deepchrome.model.BaselineFeatures;
import org.deepchrome.model.InputTransform;
import org.deepchrome.model.RocAuc;
import org.deepchrome.model.forest.DecisionTree;
import org.deepchrome.model.forest.ForestTrainer;
import org.deepchrome.model.forest.RandomForest;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Suite side of the forest benchmark without the CLI around it: seconds (wall and process CPU) to
 * read the matrices, grow the forest and score the test set, and the test AUC, through the classes
 * deepchrome-train uses (log1p, 100 trees unless told, √features per split).
 * Usage: java -cp 'tools/train/target/lib/*' bench/ml/ForestBench.java DATA_DIR THREADS [TREES] [MAX_BINS] [SEED]
 */
public class ForestBench {
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int trees = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int maxBins = args.length > 3 ? Integer.parseInt(args[3]) : ForestTrainer.DEFAULT_MAX_BINS;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        long w0 = System.nanoTime();
        long c0 = cpuNanos();
        GeneMatrix train = MatrixReader.read(dir.resolve("train.csv.gz"));
        GeneMatrix test = MatrixReader.read(dir.resolve("test.csv.gz"));
        float[][] rows = BaselineFeatures.rows(train, InputTransform.LOG1P);
        long w1 = System.nanoTime();
        long c1 = cpuNanos();
        RandomForest forest = new ForestTrainer(trees, seed, threads, maxBins).fit(rows, train.labels(), () -> { });
        long w2 = System.nanoTime();
        long c2 = cpuNanos();
        double[] p = new double[test.geneCount()];
        float[][] testRows = BaselineFeatures.rows(test, InputTransform.LOG1P);
        for (int g = 0; g < p.length; g++) {
            p[g] = forest.probabilityHigh(testRows[g]);
        }
        long w3 = System.nanoTime();
        long c3 = cpuNanos();
        long nodes = 0;
        for (DecisionTree t : forest.trees()) {
            nodes += t.nodeCount();
        }
        System.out.printf(Locale.ROOT, "forest: %d trees, %d bins, %d threads: read %.2f s (cpu %.2f), fit %.2f s "
                        + "(cpu %.2f), score test %.2f s; %.0f nodes/tree; test_auc %.4f%n", trees, maxBins, threads,
                (w1 - w0) / 1e9, (c1 - c0) / 1e9, (w2 - w1) / 1e9, (c2 - c1) / 1e9, (w3 - w2) / 1e9,
                (double) nodes / trees, RocAuc.auc(p, test.labels()));
    }
}
