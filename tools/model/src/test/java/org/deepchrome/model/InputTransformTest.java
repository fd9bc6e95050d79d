package org.deepchrome.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InputTransformTest {

    @Test
    void log1pOfCountsIsExactlyMathLog1p() {
        for (int n = 0; n < 5000; n++) {
            assertEquals((float) Math.log1p(n), InputTransform.LOG1P.apply(n), 0f, "log1p(" + n + ")");
        }
    }

    @Test
    void log1pOfOtherValuesIsWithinOneUlpOfMathLog1p() {
        float[] values = {1e6f, 0.5f, 3.25f, 1e-7f, 1e-6f, 2e-6f, 12345.5f, 0.07f, -0.5f, Float.MIN_VALUE};
        for (float v : values) {
            float want = (float) Math.log1p(v);
            assertEquals(want, InputTransform.LOG1P.apply(v), Math.ulp(want), "log1p(" + v + ")");
        }
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 200_000; i++) {
            float v = (float) Math.exp(r.nextDouble() * 30 - 16); // 1e-7 … 1e6
            float want = (float) Math.log1p(v);
            assertEquals(want, InputTransform.LOG1P.apply(v), Math.ulp(want), "log1p(" + v + ")");
        }
    }

    @Test
    void bulkApplyGivesTheSameNumbersAsOneByOne() {
        java.util.Random r = new java.util.Random(4);
        float[] values = new float[100_000];
        for (int i = 0; i < values.length; i++) {
            // normalised-looking values with many repeats, counts, tiny and large values
            values[i] = switch (i % 4) {
                case 0 -> Math.round(r.nextFloat() * 3000) / 100f;
                case 1 -> r.nextInt(50);
                case 2 -> (float) Math.exp(r.nextDouble() * 30 - 16);
                default -> values[r.nextInt(i)];
            };
        }
        for (InputTransform t : InputTransform.values()) {
            float[] out = new float[values.length + 3];
            t.apply(values, out, 3);
            for (int i = 0; i < values.length; i++) {
                assertEquals(t.apply(values[i]), out[3 + i], 0f, t + "(" + values[i] + ")");
            }
        }
    }

    @Test
    void noneLeavesValuesAlone() {
        assertEquals(3.5f, InputTransform.NONE.apply(3.5f), 0f);
    }
}
