package org.deepchrome.model;

import org.deepchrome.core.cli.Choices;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/** The gradient-descent rules train offers for the CNN. */
public enum Optimizer {
    ADAM, SGD, RMSPROP;

    public IUpdater updater(double learningRate) {
        return switch (this) {
            case ADAM -> new Adam(learningRate);
            case SGD -> new Sgd(learningRate);
            case RMSPROP -> new RmsProp(learningRate);
        };
    }

    public String id() {
        return Choices.id(this);
    }

    @Override
    public String toString() {
        return id();
    }
}
