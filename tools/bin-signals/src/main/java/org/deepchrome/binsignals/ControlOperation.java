package org.deepchrome.binsignals;

import org.deepchrome.core.cli.Choices;

/**
 * How a mark's bin is compared with its input control's bin, as deepTools bamCompare
 * --operation does (after scaling): log2 and ratio add the pseudocount to both sides first,
 * subtract does not.
 */
public enum ControlOperation {
    LOG2, RATIO, SUBTRACT;

    double apply(double mark, double control, double pseudocount) {
        return switch (this) {
            case LOG2 -> Math.log((mark + pseudocount) / (control + pseudocount)) / Math.log(2);
            case RATIO -> (mark + pseudocount) / (control + pseudocount);
            case SUBTRACT -> mark - control;
        };
    }

    /** True when the results may be negative (the matrix is then written signed). */
    boolean signed() {
        return this != RATIO;
    }

    @Override
    public String toString() {
        return Choices.id(this);
    }
}
