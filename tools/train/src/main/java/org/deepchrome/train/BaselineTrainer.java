package org.deepchrome.train;

import org.deepchrome.core.cli.Reporter;
import org.deepchrome.core.cli.VersionProvider;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.model.BaselineFeatures;
import org.deepchrome.model.BaselineModel;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.ModelMetadata;
import org.deepchrome.model.NativeRuntime;
import org.deepchrome.model.RocAuc;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.ensemble.EnsembleModel;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.common.tree.RandomForestTrainer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The paper's comparison models, from Tribuo, on the flattened marks × bins features:
 * a random forest of CART trees (√features tried per split, grown fully, votes averaged;
 * grown in parallel sub-forests),
 * a linear SVM (L2-regularised squared hinge, liblinear) and L2-regularised logistic
 * regression (liblinear). The linear models are fitted for each C of the grid and the one
 * with the best validation AUC is kept: with 500 correlated features, C = 1 (scikit-learn's
 * default) overfits (E012 test AUC 0.936 against 0.946 at C = 0.01).
 */
public final class BaselineTrainer {
    /** Tribuo logs every bagged tree at INFO; keep a reference so the level setting sticks. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    /** Trees per independently seeded sub-forest; fixed so the forest does not depend on the thread count. */
    static final int TREES_PER_SUBFOREST = 10;

    private final TrainingSettings settings;
    private final int threads;
    private final Reporter reporter;

    public BaselineTrainer(TrainingSettings settings, int threads, Reporter reporter) {
        this.settings = settings;
        this.threads = threads;
        this.reporter = reporter;
    }

    public TrainingResult train(GeneMatrix train, GeneMatrix valid) {
        long start = System.nanoTime();
        MutableDataset<Label> data = BaselineFeatures.dataset(train, settings.transform(), "train");
        int features = train.markCount() * train.bins();
        // The forest has no knob tuned here; the linear models pick C on the validation set,
        // as the CNN picks its epoch there.
        List<Double> costs = settings.kind() == ModelKind.RF ? List.of(Double.NaN) : settings.costs();
        Model<Label> best = null;
        double bestAuc = Double.NEGATIVE_INFINITY;
        double bestCost = Double.NaN;
        Map<String, String> tried = new LinkedHashMap<>();
        for (double cost : costs) {
            long t0 = System.nanoTime();
            Model<Label> fitted = fit(data, features, cost);
            double auc = RocAuc.auc(new BaselineModel(metadata(train, Double.NaN, Map.of()), fitted)
                    .probabilityHigh(valid), valid.labels());
            reporter.status(String.format(Locale.ROOT, "%s%s: valid_auc %.4f (%.1f s)", settings.kind(),
                    Double.isNaN(cost) ? "" : " C=" + cost, auc, (System.nanoTime() - t0) / 1e9));
            if (!Double.isNaN(cost)) {
                tried.put(Double.toString(cost), String.format(Locale.ROOT, "%.6f", auc));
            }
            if (auc > bestAuc) {
                best = fitted;
                bestAuc = auc;
                bestCost = cost;
            }
        }
        Map<String, String> chosen = new LinkedHashMap<>();
        if (!Double.isNaN(bestCost)) {
            chosen.put("c", Double.toString(bestCost));
            chosen.put("valid_auc_by_c", tried.toString());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        BaselineModel kept = new BaselineModel(metadata(train, bestAuc, chosen), best);
        return new TrainingResult(kept, List.of(new EpochResult(1, Double.NaN, bestAuc, seconds)), 1, bestAuc);
    }

    @SuppressWarnings("unchecked")
    private Model<Label> fit(MutableDataset<Label> data, int features, double cost) {
        if (settings.kind() != ModelKind.RF) {
            return (Model<Label>) linearTrainer(cost).train(data);
        }
        try (TreeProgress progress = new TreeProgress(settings.trees(), reporter.quiet())) {
            return forest(data, features);
        }
    }

    /**
     * The random forest, grown as sub-forests of {@link #TREES_PER_SUBFOREST} trees on
     * {@code threads} workers and joined into one voting ensemble. Sub-forest seeds come from
     * the seed alone, so the forest is the same whatever the thread count.
     */
    private Model<Label> forest(MutableDataset<Label> data, int features) {
        int trees = settings.trees();
        int parts = (trees + TREES_PER_SUBFOREST - 1) / TREES_PER_SUBFOREST;
        java.util.Random seeds = new java.util.Random(settings.seed());
        List<java.util.concurrent.Callable<List<Model<Label>>>> jobs = new java.util.ArrayList<>();
        for (int i = 0; i < parts; i++) {
            int size = Math.min(TREES_PER_SUBFOREST, trees - i * TREES_PER_SUBFOREST);
            long seed = seeds.nextLong();
            jobs.add(() -> {
                @SuppressWarnings("unchecked")
                EnsembleModel<Label> part = (EnsembleModel<Label>) forestTrainer(features, size, seed).train(data);
                return part.getModels();
            });
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(threads, parts));
        try {
            List<Model<Label>> members = new java.util.ArrayList<>(trees);
            for (java.util.concurrent.Future<List<Model<Label>>> part : pool.invokeAll(jobs)) {
                members.addAll(part.get());
            }
            return WeightedEnsembleModel.createEnsembleFromExistingModels("random-forest", members,
                    new VotingCombiner());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while growing the forest", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("growing the forest failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Trainer<Label> forestTrainer(int features, int trees, long seed) {
        float fraction = (float) (Math.sqrt(features) / features);
        CARTClassificationTrainer tree = new CARTClassificationTrainer(Integer.MAX_VALUE, 1f, 0f, fraction,
                false, new GiniIndex(), seed);
        return new RandomForestTrainer<>(tree, new VotingCombiner(), trees, seed);
    }

    /** liblinear for svm and logistic; the forest has its own path (sub-forests, progress). */
    private Trainer<Label> linearTrainer(double cost) {
        long seed = settings.seed();
        return switch (settings.kind()) {
            case SVM -> new LibLinearClassificationTrainer(
                    new LinearClassificationType(LinearClassificationType.LinearType.L2R_L2LOSS_SVC_DUAL),
                    cost, 1000, 1e-4, seed);
            case LOGISTIC -> new LibLinearClassificationTrainer(
                    new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), cost, 1000, 1e-4, seed);
            case RF, CNN -> throw new IllegalArgumentException(settings.kind() + " is not a linear model");
        };
    }

    private ModelMetadata metadata(GeneMatrix train, double auc, Map<String, String> chosen) {
        Map<String, String> options = new LinkedHashMap<>(settings.asOptions());
        options.putAll(chosen);
        return new ModelMetadata(ModelMetadata.FORMAT, settings.kind(), train.marks(), train.bins(),
                settings.transform(), settings.seed(), VersionProvider.suiteVersion(), 1, auc, options,
                NativeRuntime.libraryVersions());
    }
}
