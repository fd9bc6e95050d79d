package org.deepchrome.model.kernel;

import org.bytedeco.dnnl.global.dnnl;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SgemmTest {

    @Test
    void everyTransposeAndBetaMatchesTheTextbookProduct() {
        Random r = new Random(3);
        int m = 37;
        int n = 29;
        int k = 53;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (float beta : new float[] {0f, 1f}) {
                    float[] a = random(m * k, r);
                    float[] b = random(k * n, r);
                    float[] c = random(m * n, r);
                    float[] want = new float[m * n];
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double sum = beta * c[i * n + j];
                            for (int l = 0; l < k; l++) {
                                float av = ta ? a[l * m + i] : a[i * k + l];
                                float bv = tb ? b[j * k + l] : b[l * n + j];
                                sum += (double) av * bv;
                            }
                            want[i * n + j] = (float) sum;
                        }
                    }
                    Sgemm.multiply(ta, tb, m, n, k, a, b, beta, c);
                    for (int i = 0; i < want.length; i++) {
                        assertEquals(want[i], c[i], 1e-4, "transA " + ta + " transB " + tb + " beta " + beta + " [" + i + "]");
                    }
                }
            }
        }
    }

    @Test
    void operandsLargerThanTheProductAreReadOnlyAsFarAsNeeded() {
        float[] a = {1, 2, 3, 4, 99, 99};       // 2×2 used, then junk
        float[] b = {1, 0, 0, 1, 99};           // identity, then junk
        float[] c = {7, 7, 7, 7, 5, 5};
        Sgemm.multiply(false, false, 2, 2, 2, a, b, 0f, c);
        assertEquals(1f, c[0]);
        assertEquals(4f, c[3]);
        assertEquals(5f, c[4], "beyond m × n nothing is written");
    }

    /** With DNNL_MAX_CPU_ISA set (the pom's AVX2 and SSE4.1 runs), oneDNN must honour it, or those runs test nothing. */
    @Test
    void oneDnnKeepsToTheInstructionSetCap() {
        float[] a = {1};
        Sgemm.multiply(false, false, 1, 1, 1, a, a, 0f, new float[1]); // first use fixes the ISA
        int effective = dnnl.dnnl_get_effective_cpu_isa();
        String cap = System.getenv("DNNL_MAX_CPU_ISA");
        if (cap == null) {
            assertTrue(effective != dnnl.dnnl_cpu_isa_all, "oneDNN reports no ISA");
            return;
        }
        int capBits = switch (cap.toUpperCase(Locale.ROOT)) {
            case "SSE41" -> dnnl.dnnl_cpu_isa_sse41;
            case "AVX2" -> dnnl.dnnl_cpu_isa_avx2;
            default -> throw new IllegalArgumentException("test knows SSE41 and AVX2, not " + cap);
        };
        assertEquals(0, effective & ~capBits, "effective ISA 0x" + Integer.toHexString(effective) + " exceeds " + cap);
    }

    private static float[] random(int n, Random r) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
