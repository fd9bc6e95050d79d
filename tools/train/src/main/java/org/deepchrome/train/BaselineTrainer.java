package org.deepchrome.train;

import org.deepchrome.core.cli.VersionProvider;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.model.BaselineFeatures;
import org.deepchrome.model.BaselineModel;
import org.deepchrome.model.ModelKind;
import org.deepchrome.model.ModelMetadata;
import org.deepchrome.model.NativeRuntime;
import org.deepchrome.model.RocAuc;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.common.tree.RandomForestTrainer;

import java.util.List;
import java.util.Locale;

/**
 * The paper's comparison models, from Tribuo, on the flattened marks × bins features:
 * a random forest of CART trees (√features tried per split, grown fully, votes averaged),
 * a linear SVM (L2-regularised squared hinge, liblinear) and L2-regularised logistic
 * regression (liblinear), with scikit-learn's default regularisation C = 1.
 */
public final class BaselineTrainer {
    private final TrainingSettings settings;
    private final boolean quiet;

    public BaselineTrainer(TrainingSettings settings, boolean quiet) {
        this.settings = settings;
        this.quiet = quiet;
    }

    public TrainingResult train(GeneMatrix train, GeneMatrix valid) {
        long start = System.nanoTime();
        if (!quiet) {
            System.err.println("training " + settings.kind() + " on " + train.geneCount() + " genes");
        }
        Trainer<Label> trainer = trainer(train.markCount() * train.bins());
        @SuppressWarnings("unchecked")
        Model<Label> fitted = (Model<Label>) trainer.train(
                BaselineFeatures.dataset(train, settings.transform(), "train"));
        BaselineModel model = new BaselineModel(metadata(train, Double.NaN), fitted);
        double auc = RocAuc.auc(model.probabilityHigh(valid), valid.labels());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!quiet) {
            System.err.printf(Locale.ROOT, "%s: valid_auc %.4f (%.1f s)%n", settings.kind(), auc, seconds);
        }
        BaselineModel kept = new BaselineModel(metadata(train, auc), fitted);
        return new TrainingResult(kept, List.of(new EpochResult(1, Double.NaN, auc, seconds)), 1, auc);
    }

    private Trainer<Label> trainer(int features) {
        long seed = settings.seed();
        return switch (settings.kind()) {
            case RF -> {
                float fraction = (float) (Math.sqrt(features) / features);
                CARTClassificationTrainer tree = new CARTClassificationTrainer(Integer.MAX_VALUE, 1f, 0f, fraction,
                        false, new GiniIndex(), seed);
                yield new RandomForestTrainer<>(tree, new VotingCombiner(), settings.trees(), seed);
            }
            case SVM -> new LibLinearClassificationTrainer(
                    new LinearClassificationType(LinearClassificationType.LinearType.L2R_L2LOSS_SVC_DUAL),
                    1.0, 1000, 1e-4, seed);
            case LOGISTIC -> new LibLinearClassificationTrainer(
                    new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), 1.0, 1000, 1e-4, seed);
            case CNN -> throw new IllegalArgumentException("the CNN is trained by CnnTrainer");
        };
    }

    private ModelMetadata metadata(GeneMatrix train, double auc) {
        return new ModelMetadata(ModelMetadata.FORMAT, settings.kind(), train.marks(), train.bins(),
                settings.transform(), settings.seed(), VersionProvider.suiteVersion(), 1, auc, settings.asOptions(),
                NativeRuntime.libraryVersions());
    }
}
