package org.deepchrome.train;

import org.deepchrome.core.cli.Progress;
import org.deepchrome.core.cli.Reporter;
import org.deepchrome.core.cli.VersionProvider;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.model.BaselineFeatures;
import org.deepchrome.model.ForestModel;
import org.deepchrome.model.LinearModel;
import org.deepchrome.model.LinearTrainer;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.ModelMetadata;
import org.deepchrome.model.NativeRuntime;
import org.deepchrome.model.RegressionMetrics;
import org.deepchrome.model.RidgeTrainer;
import org.deepchrome.model.RocAuc;
import org.deepchrome.model.Task;
import org.deepchrome.model.forest.ForestTrainer;
import org.deepchrome.model.forest.RandomForest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paper's comparison models on the flattened marks × bins features: the suite's random
 * forest ({@link ForestTrainer}: CART trees, √features tried per split, grown fully, leaf
 * fractions averaged), and with liblinear ({@link LinearTrainer}) a linear SVM (L2-regularised
 * squared hinge) and L2-regularised logistic regression. The linear models are fitted for each C of the grid and the one
 * with the best validation AUC is kept: with 500 correlated features, C = 1 (scikit-learn's
 * default) overfits (E012 test AUC 0.936 against 0.946 at C = 0.01). For regression: ridge
 * ({@link RidgeTrainer}, α chosen on validation r) and a regression forest.
 */
public final class BaselineTrainer {
    private final TrainingSettings settings;
    private final int threads;
    private final Reporter reporter;

    public BaselineTrainer(TrainingSettings settings, int threads, Reporter reporter) {
        this.settings = settings;
        this.threads = threads;
        this.reporter = reporter;
    }

    public TrainingResult train(GeneMatrix train, GeneMatrix valid) {
        if (settings.regression()) {
            return settings.kind() == ModelKind.RF ? trainForestRegression(train, valid) : trainRidge(train, valid);
        }
        if (settings.kind() == ModelKind.RF) {
            return trainForest(train, valid);
        }
        long start = System.nanoTime();
        LinearTrainer trainer = new LinearTrainer(BaselineFeatures.rows(train, settings.transform()), train.labels());
        // The linear models pick C on the validation set, as the CNN picks its epoch there.
        LinearModel best = null;
        double bestAuc = Double.NEGATIVE_INFINITY;
        double bestCost = Double.NaN;
        Map<String, String> tried = new LinkedHashMap<>();
        // ascending C, so that each logistic fit warm-starts from the previous one (LinearTrainer)
        for (double cost : settings.costs().stream().sorted().toList()) {
            long t0 = System.nanoTime();
            LinearModel fitted = new LinearModel(metadata(train, Double.NaN, Map.of()),
                    trainer.fit(settings.kind(), cost, settings.seed()));
            double auc = RocAuc.auc(fitted.probabilityHigh(valid), valid.labels());
            reporter.status(String.format(Locale.ROOT, "%s C=%s: valid_auc %.4f (%.1f s)", settings.kind(), cost, auc,
                    (System.nanoTime() - t0) / 1e9));
            tried.put(Double.toString(cost), String.format(Locale.ROOT, "%.6f", auc));
            if (auc > bestAuc) {
                best = fitted;
                bestAuc = auc;
                bestCost = cost;
            }
        }
        Map<String, String> chosen = new LinkedHashMap<>();
        chosen.put("c", Double.toString(bestCost));
        chosen.put("valid_auc_by_c", tried.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        LinearModel kept = new LinearModel(metadata(train, bestAuc, chosen), best.parameters());
        return new TrainingResult(kept, List.of(new EpochResult(1, Double.NaN, bestAuc, seconds)), 1, bestAuc);
    }

    /**
     * The random forest ({@link ForestTrainer}): no knob is tuned on the validation set, which
     * only reports the forest's AUC. Trees grow on {@code threads} workers; the forest does not
     * depend on their number.
     */
    private TrainingResult trainForest(GeneMatrix train, GeneMatrix valid) {
        long start = System.nanoTime();
        float[][] rows = BaselineFeatures.rows(train, settings.transform());
        RandomForest forest;
        try (Progress progress = new Progress("random forest", settings.trees(), reporter)) {
            forest = new ForestTrainer(settings.trees(), settings.seed(), threads, ForestTrainer.DEFAULT_MAX_BINS)
                    .fit(rows, train.labels(), () -> progress.advance(1));
        }
        Map<String, String> grown = new LinkedHashMap<>();
        grown.put("max_features", Integer.toString(ForestTrainer.maxFeatures(rows[0].length)));
        grown.put("max_bins", Integer.toString(ForestTrainer.DEFAULT_MAX_BINS));
        ForestModel model = new ForestModel(metadata(train, Double.NaN, grown), forest);
        double auc = RocAuc.auc(model.probabilityHigh(valid), valid.labels());
        double seconds = (System.nanoTime() - start) / 1e9;
        reporter.status(String.format(Locale.ROOT, "rf: valid_auc %.4f (%.1f s)", auc, seconds));
        ForestModel kept = new ForestModel(metadata(train, auc, grown), forest);
        return new TrainingResult(kept, List.of(new EpochResult(1, Double.NaN, auc, seconds)), 1, auc);
    }

    /**
     * Ridge regression ({@link RidgeTrainer}) for each α of the grid; the α with the best
     * validation Pearson r is kept, as C is for the linear classifiers.
     */
    private TrainingResult trainRidge(GeneMatrix train, GeneMatrix valid) {
        long start = System.nanoTime();
        RidgeTrainer trainer = new RidgeTrainer(BaselineFeatures.rows(train, settings.transform()),
                RegressionTargets.toDouble(RegressionTargets.transformed(train, settings.targetTransform())));
        double[] observed = RegressionTargets.toDouble(
                RegressionTargets.transformed(valid, settings.targetTransform()));
        LinearModel.Parameters best = null;
        double bestR = Double.NEGATIVE_INFINITY;
        double bestAlpha = Double.NaN;
        Map<String, String> tried = new LinkedHashMap<>();
        for (double alpha : settings.alphas()) {
            long t0 = System.nanoTime();
            LinearModel.Parameters fitted = trainer.fit(alpha);
            LinearModel model = new LinearModel(regressionMetadata(train, Double.NaN, Map.of()), fitted);
            double r = RegressionMetrics.pearson(model.predictLevel(valid), observed);
            reporter.status(String.format(Locale.ROOT, "ridge alpha=%s: valid_r %.4f (%.1f s)", alpha, r,
                    (System.nanoTime() - t0) / 1e9));
            tried.put(Double.toString(alpha), String.format(Locale.ROOT, "%.6f", r));
            if (best == null || r > bestR) {
                best = fitted;
                bestR = Double.isNaN(r) ? Double.NEGATIVE_INFINITY : r;
                bestAlpha = alpha;
            }
        }
        double keptR = Double.isInfinite(bestR) ? Double.NaN : bestR;
        Map<String, String> chosen = new LinkedHashMap<>();
        chosen.put("alpha", Double.toString(bestAlpha));
        chosen.put("valid_r_by_alpha", tried.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        LinearModel kept = new LinearModel(regressionMetadata(train, keptR, chosen), best);
        return new TrainingResult(kept, List.of(new EpochResult(1, Double.NaN, keptR, seconds)), 1, keptR);
    }

    /** The forest for regression: variance reduction, leaf = mean; the validation set only reports r. */
    private TrainingResult trainForestRegression(GeneMatrix train, GeneMatrix valid) {
        long start = System.nanoTime();
        float[][] rows = BaselineFeatures.rows(train, settings.transform());
        double[] targets = RegressionTargets.toDouble(RegressionTargets.transformed(train, settings.targetTransform()));
        RandomForest forest;
        try (Progress progress = new Progress("random forest", settings.trees(), reporter)) {
            forest = new ForestTrainer(settings.trees(), settings.seed(), threads, ForestTrainer.DEFAULT_MAX_BINS)
                    .fitRegression(rows, targets, () -> progress.advance(1));
        }
        Map<String, String> grown = new LinkedHashMap<>();
        grown.put("max_features", Integer.toString(ForestTrainer.maxFeaturesRegression(rows[0].length)));
        grown.put("max_bins", Integer.toString(ForestTrainer.DEFAULT_MAX_BINS));
        ForestModel probe = new ForestModel(regressionMetadata(train, Double.NaN, grown), forest);
        double r = RegressionMetrics.pearson(probe.predictLevel(valid),
                RegressionTargets.toDouble(RegressionTargets.transformed(valid, settings.targetTransform())));
        double seconds = (System.nanoTime() - start) / 1e9;
        reporter.status(String.format(Locale.ROOT, "rf: valid_r %.4f (%.1f s)", r, seconds));
        ForestModel kept = new ForestModel(regressionMetadata(train, r, grown), forest);
        return new TrainingResult(kept, List.of(new EpochResult(1, Double.NaN, r, seconds)), 1, r);
    }

    private ModelMetadata regressionMetadata(GeneMatrix train, double validR, Map<String, String> chosen) {
        Map<String, String> options = new LinkedHashMap<>(settings.asOptions());
        options.putAll(chosen);
        return new ModelMetadata(ModelMetadata.FORMAT, settings.kind(), train.marks(), train.bins(),
                settings.transform(), settings.seed(), VersionProvider.suiteVersion(), 1, Double.NaN, options,
                NativeRuntime.libraryVersions(), Task.REGRESSION, settings.targetTransform(), validR);
    }

    private ModelMetadata metadata(GeneMatrix train, double auc, Map<String, String> chosen) {
        Map<String, String> options = new LinkedHashMap<>(settings.asOptions());
        options.putAll(chosen);
        return new ModelMetadata(ModelMetadata.FORMAT, settings.kind(), train.marks(), train.bins(),
                settings.transform(), settings.seed(), VersionProvider.suiteVersion(), 1, auc, options,
                NativeRuntime.libraryVersions());
    }
}
