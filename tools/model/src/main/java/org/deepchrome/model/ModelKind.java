package org.deepchrome.model;

import org.deepchrome.core.cli.Choices;

/** The model kinds the suite trains: the paper's CNN, its three comparison models, and AttentiveChrome. */
public enum ModelKind {
    CNN, RF, SVM, LOGISTIC, ATTENTIVE;

    /** The name used on the command line, in Galaxy, in the pipeline and in summaries. */
    public String id() {
        return Choices.id(this);
    }

    @Override
    public String toString() {
        return id();
    }
}
