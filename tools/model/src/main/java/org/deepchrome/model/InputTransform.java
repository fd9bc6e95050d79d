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
    /** log(1 + x): tames the long tail of read counts. */
    LOG1P {
        @Override
        public float apply(float value) {
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
}
