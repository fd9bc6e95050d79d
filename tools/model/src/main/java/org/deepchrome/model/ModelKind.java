package org.deepchrome.model;

import org.deepchrome.core.cli.Choices;

/**
 * The model kinds the suite trains: the paper's CNN and its three comparison models, ridge
 * regression (a baseline for the regression task only; svm and logistic classify only), and
 * AttentiveChrome (the paper's successor model; both tasks, as the CNN).
 */
public enum ModelKind {
    CNN, RF, SVM, LOGISTIC, RIDGE, ATTENTIVE;

    /** Whether this kind can be trained for {@code task}. */
    public boolean supports(Task task) {
        return switch (this) {
            case CNN, RF, ATTENTIVE -> true;
            case SVM, LOGISTIC -> task == Task.CLASSIFICATION;
            case RIDGE -> task == Task.REGRESSION;
        };
    }

    /** The name used on the command line, in Galaxy, in the pipeline and in summaries. */
    public String id() {
        return Choices.id(this);
    }

    @Override
    public String toString() {
        return id();
    }
}
