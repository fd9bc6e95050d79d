package org.deepchrome.train;

import org.deepchrome.core.cli.Progress;
import org.deepchrome.core.cli.VersionProvider;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.model.CnnArchitecture;
import org.deepchrome.model.CnnModel;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.ModelMetadata;
import org.deepchrome.model.NativeRuntime;
import org.deepchrome.model.RocAuc;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Trains the DeepChrome CNN by minibatch gradient descent and keeps the epoch with the best
 * validation AUC (the paper's rule), optionally stopping after {@code patience} epochs
 * without improvement. Every source of randomness derives from the seed: initial weights
 * (DL4J), dropout masks (ND4J's generator) and the minibatch order (java.util.Random).
 */
public final class CnnTrainer {
    private final TrainingSettings settings;
    private final boolean quiet;

    public CnnTrainer(TrainingSettings settings, boolean quiet) {
        this.settings = settings;
        this.quiet = quiet;
    }

    public TrainingResult train(GeneMatrix train, GeneMatrix valid) {
        MultiLayerNetwork network = CnnArchitecture.build(train.markCount(), train.bins(), settings.seed(),
                settings.optimizer(), settings.learningRate());
        Nd4j.getRandom().setSeed(settings.seed());
        CnnModel model = new CnnModel(metadata(train, 0, Double.NaN), network);

        int genes = train.geneCount();
        int perGene = train.markCount() * train.bins();
        float[] inputs = model.prepareInput(train, 0, genes); // transformed once, sliced per batch
        int[] labels = train.labels();
        int[] validLabels = valid.labels();
        Random shuffler = new Random(settings.seed());
        int[] order = new int[genes];
        for (int i = 0; i < genes; i++) {
            order[i] = i;
        }

        List<EpochResult> history = new ArrayList<>();
        INDArray bestParams = null;
        int bestEpoch = 0;
        double bestAuc = Double.NEGATIVE_INFINITY;
        int batches = (genes + settings.batchSize() - 1) / settings.batchSize();
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            long start = System.nanoTime();
            shuffle(order, shuffler);
            double lossSum = 0;
            // A bar on a terminal only; logs get the one summary line per epoch below.
            try (Progress progress = new Progress("epoch " + epoch + "/" + settings.epochs(), batches,
                    quiet || System.console() == null)) {
                for (int from = 0; from < genes; from += settings.batchSize()) {
                    int to = Math.min(genes, from + settings.batchSize());
                    DataSet batch = batch(inputs, labels, order, from, to, train.markCount(), train.bins(), perGene);
                    network.fit(batch);
                    lossSum += network.score() * (to - from);
                    progress.advance(1);
                }
            }
            double auc = RocAuc.auc(model.probabilityHigh(valid), validLabels);
            double seconds = (System.nanoTime() - start) / 1e9;
            history.add(new EpochResult(epoch, lossSum / genes, auc, seconds));
            boolean improved = auc > bestAuc;
            if (improved) {
                bestAuc = auc;
                bestEpoch = epoch;
                bestParams = network.params().dup();
            }
            report(String.format(Locale.ROOT, "epoch %d/%d: train_loss %.4f valid_auc %.4f (%.1f s)%s", epoch,
                    settings.epochs(), lossSum / genes, auc, seconds, improved ? " best" : ""));
            if (settings.patience() > 0 && epoch - bestEpoch >= settings.patience()) {
                report("no better validation AUC for " + settings.patience() + " epochs; stopping");
                break;
            }
        }
        network.setParams(bestParams);
        return new TrainingResult(new CnnModel(metadata(train, bestEpoch, bestAuc), network), history, bestEpoch,
                bestAuc);
    }

    private ModelMetadata metadata(GeneMatrix train, int bestEpoch, double auc) {
        return new ModelMetadata(ModelMetadata.FORMAT, ModelKind.CNN, train.marks(), train.bins(), settings.transform(),
                settings.seed(), VersionProvider.suiteVersion(), bestEpoch, auc, settings.asOptions(),
                NativeRuntime.libraryVersions());
    }

    /** Features [n, marks, bins] and one-hot labels [n, 2] (column 1 = high) of the genes order[from..to). */
    private static DataSet batch(float[] inputs, int[] labels, int[] order, int from, int to, int marks, int bins,
                                 int perGene) {
        int n = to - from;
        float[] x = new float[n * perGene];
        float[] y = new float[n * 2];
        for (int i = 0; i < n; i++) {
            int gene = order[from + i];
            System.arraycopy(inputs, gene * perGene, x, i * perGene, perGene);
            y[i * 2 + labels[gene]] = 1f;
        }
        return new DataSet(Nd4j.create(x, new long[] {n, marks, bins}, 'c'), Nd4j.create(y, new long[] {n, 2}, 'c'));
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private void report(String line) {
        if (!quiet) {
            System.err.println(line);
        }
    }
}
