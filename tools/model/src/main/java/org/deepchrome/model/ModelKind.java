package org.deepchrome.model;

import org.deepchrome.core.BadInputException;

import java.util.Locale;

/** The model kinds the suite trains: the paper's CNN and its three comparison models. */
public enum ModelKind {
    CNN, RF, SVM, LOGISTIC;

    /** The name used on the command line and in model files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelKind fromId(String id) {
        for (ModelKind k : values()) {
            if (k.id().equalsIgnoreCase(id)) {
                return k;
            }
        }
        throw new BadInputException("unknown model kind '" + id + "' (expected cnn, rf, svm or logistic)");
    }

    @Override
    public String toString() {
        return id();
    }
}
