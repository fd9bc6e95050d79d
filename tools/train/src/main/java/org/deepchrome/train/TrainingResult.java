package org.deepchrome.train;

import org.deepchrome.model.DeepChromeModel;

import java.util.List;

/** A trained model (the best epoch's, for the CNN) and the history that led to it. */
public record TrainingResult(DeepChromeModel model, List<EpochResult> epochs, int bestEpoch, double bestValidAuc) {
}
