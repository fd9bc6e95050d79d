package org.deepchrome.train;

import org.deepchrome.model.DeepChromeModel;

import java.util.List;

/** A trained model (the best epoch's, for the CNN) and the history that led to it; scores as in {@link EpochResult}. */
public record TrainingResult(DeepChromeModel model, List<EpochResult> epochs, int bestEpoch, double bestValidScore) {
}
