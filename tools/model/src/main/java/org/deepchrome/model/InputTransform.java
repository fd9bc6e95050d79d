package org.deepchrome.model;

import org.deepchrome.core.BadInputException;

import java.util.Locale;

/**
 * The transform applied to every signal value before a model sees it. It is recorded in the
 * model file so that predict and visualize apply exactly what train applied.
 */
public enum InputTransform {
    NONE {
        @Override
        public float apply(float value) {
            return value;
        }
    },
    /**
     * log(1 + x): tames the long tail of read counts. Math.log1p (not intrinsified) took as
     * long as the network in inference, so: small integer counts come from a table of its
     * values; other x ≥ 1e-6 use the intrinsic Math.log on 1 + x, which is exact in double
     * for a float x, and agree with Math.log1p to within one float ulp (tested).
     */
    LOG1P {
        @Override
        public float apply(float value) {
            int count = (int) value;
            if (count == value && count >= 0 && count < Log1pTable.SIZE) {
                return Log1pTable.VALUES[count];
            }
            if (value >= 1e-6f) {
                return (float) Math.log(1.0 + value);
            }
            return (float) Math.log1p(value);
        }
    };

    public abstract float apply(float value);

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InputTransform fromId(String id) {
        for (InputTransform t : values()) {
            if (t.id().equalsIgnoreCase(id)) {
                return t;
            }
        }
        throw new BadInputException("unknown transform '" + id + "' (expected none or log1p)");
    }

    @Override
    public String toString() {
        return id();
    }

    /** (float) Math.log1p(n) for n = 0 … SIZE − 1. */
    private static final class Log1pTable {
        static final int SIZE = 4096;
        static final float[] VALUES = new float[SIZE];

        static {
            for (int n = 0; n < SIZE; n++) {
                VALUES[n] = (float) Math.log1p(n);
            }
        }
    }
}
