package org.deepchrome.binsignals;

import org.deepchrome.core.cli.Choices;

/** What --normalize does to the counts: nothing (the paper's raw counts) or counts per million reads. */
public enum Normalization {
    NONE, CPM;

    @Override
    public String toString() {
        return Choices.id(this);
    }
}
