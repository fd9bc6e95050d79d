package org.deepchrome.model;

import org.deepchrome.core.cli.Choices;

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
     * for a float x, and agree with Math.log1p to within one float ulp (tested). Over a whole
     * matrix, values seen before come from a small per-thread memo (normalised signals repeat
     * a few thousand distinct values).
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

        @Override
        public double invert(double value) {
            return Math.expm1(value);
        }

        @Override
        public void apply(float[] values, float[] out, int at) {
            // Memo lookups only: one predictable branch per value. (Testing "is it a count?"
            // first mispredicted on matrices mixing zeros and fractions, and cost 3× more.)
            long[] memo = Log1pMemo.PER_THREAD.get();
            for (int i = 0; i < values.length; i++) {
                float v = values[i];
                int bits = Float.floatToRawIntBits(v);
                int slot = (bits ^ (bits >>> 12)) & (Log1pMemo.SIZE - 1);
                long entry = memo[slot];
                if ((int) (entry >>> 32) == bits) {
                    out[at + i] = Float.intBitsToFloat((int) entry);
                } else {
                    float result = apply(v);
                    memo[slot] = Log1pMemo.entry(bits, result);
                    out[at + i] = result;
                }
            }
        }
    };

    public abstract float apply(float value);

    /** The value whose transform is {@code value}: brings a regression model's output back to the original scale. */
    public double invert(double value) {
        return value;
    }

    /** {@code out[at + i] = apply(values[i])} for every value: the same numbers, faster in bulk. */
    public void apply(float[] values, float[] out, int at) {
        for (int i = 0; i < values.length; i++) {
            out[at + i] = apply(values[i]);
        }
    }

    public String id() {
        return Choices.id(this);
    }

    @Override
    public String toString() {
        return id();
    }

    /** Recently transformed values of one thread: entries (input bits << 32 | result bits) by input hash. */
    private static final class Log1pMemo {
        static final int SIZE = 8192;
        /** A NaN pattern the reader never produces marks an empty slot (its "result" is NaN, so even a hit is right). */
        private static final int EMPTY = 0x7fc12345;
        static final ThreadLocal<long[]> PER_THREAD = ThreadLocal.withInitial(() -> {
            long[] memo = new long[SIZE];
            java.util.Arrays.fill(memo, entry(EMPTY, Float.NaN));
            return memo;
        });

        static long entry(int inputBits, float result) {
            return ((long) inputBits << 32) | (Float.floatToRawIntBits(result) & 0xffffffffL);
        }
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
