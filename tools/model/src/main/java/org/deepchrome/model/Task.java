package org.deepchrome.model;

import org.deepchrome.core.cli.Choices;

/**
 * What a model predicts: {@code classification}, the paper's task (is the gene above the median?),
 * or {@code regression} (the expression level itself, on the recorded target transform's scale).
 */
public enum Task {
    CLASSIFICATION, REGRESSION;

    public String id() {
        return Choices.id(this);
    }

    @Override
    public String toString() {
        return id();
    }
}
