package org.deepchrome.binsignals;

import org.deepchrome.core.cli.Choices;

/**
 * deepTools' --scaleFactorsMethod for a mark against its control: readcount scales the larger
 * library down to the smaller one (factor = smaller / own read count), none leaves both as read.
 */
public enum ScaleFactors {
    READCOUNT, NONE;

    @Override
    public String toString() {
        return Choices.id(this);
    }
}
