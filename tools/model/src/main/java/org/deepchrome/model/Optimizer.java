package org.deepchrome.model;

import org.deepchrome.core.BadInputException;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Locale;

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
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optimizer fromId(String id) {
        for (Optimizer o : values()) {
            if (o.id().equalsIgnoreCase(id)) {
                return o;
            }
        }
        throw new BadInputException("unknown optimizer '" + id + "' (expected adam, sgd or rmsprop)");
    }
}
