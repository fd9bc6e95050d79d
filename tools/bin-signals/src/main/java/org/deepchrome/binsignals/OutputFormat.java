package org.deepchrome.binsignals;

import org.deepchrome.core.cli.Choices;

/** The matrix file bin-signals writes (--output-format): DeepChrome's CSV, or deepTools' computeMatrix file. */
public enum OutputFormat {
    DEEPCHROME, DEEPTOOLS;

    @Override
    public String toString() {
        return Choices.id(this);
    }
}
