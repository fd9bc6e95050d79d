package org.deepchrome.model.kernel;

import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Single-precision matrix products by oneDNN's {@code dnnl_sgemm} (JIT kernels chosen at run
 * time for the CPU: AVX-512, AVX2 or SSE4.1; twice the throughput of nd4j's OpenBLAS 0.3.19
 * here, see docs/benchmarks.md). Operands are row-major Java arrays whose first element is
 * the matrix's first element. They are copied into native buffers kept per thread (only the
 * part the product reads, and only the result back): JavaCPP's own array passing would
 * allocate and copy all three arrays both ways on every call.
 */
public final class Sgemm {
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    static {
        // ND4J's native library first, so the process keeps a single OpenMP runtime for both
        // libraries whichever class a tool touches first (see setThreads).
        NativeOpsHolder.getInstance();
    }

    private Sgemm() {
    }

    /**
     * {@code c = op(a) · op(b) + beta · c}, where op(a) is {@code m × k}, op(b) is {@code k × n}
     * and c is {@code m × n}; {@code transposeA}/{@code transposeB} say that the array holds the
     * transpose ({@code k × m} or {@code n × k}) of the operand.
     */
    public static void multiply(boolean transposeA, boolean transposeB, int m, int n, int k, float[] a, float[] b,
                                float beta, float[] c) {
        if (m == 0 || n == 0) {
            return;
        }
        int aLength = m * k;
        int bLength = k * n;
        int cLength = m * n;
        Buffers buffers = BUFFERS.get();
        FloatPointer pa = buffers.a = upload(buffers.a, a, aLength);
        FloatPointer pb = buffers.b = upload(buffers.b, b, bLength);
        FloatPointer pc = buffers.c = beta == 0f ? reserve(buffers.c, cLength) : upload(buffers.c, c, cLength);
        int status = dnnl.dnnl_sgemm(transposeA ? (byte) 'T' : (byte) 'N', transposeB ? (byte) 'T' : (byte) 'N',
                m, n, k, 1f, pa, transposeA ? m : k, pb, transposeB ? k : n, beta, pc, n);
        if (status != dnnl.dnnl_success) {
            throw new IllegalStateException("dnnl_sgemm failed with status " + status);
        }
        pc.get(c, 0, cLength);
    }

    /**
     * Threads one product may use. oneDNN runs on OpenMP, and the process has one OpenMP
     * runtime (ND4J's and oneDNN's libraries share libgomp), so ND4J's setting applies to both.
     */
    public static void setThreads(int threads) {
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(Math.max(1, threads));
    }

    private static FloatPointer upload(FloatPointer buffer, float[] values, int length) {
        FloatPointer p = reserve(buffer, length);
        p.put(values, 0, length);
        return p;
    }

    /** A native buffer of at least {@code length} floats, grown (never shrunk) as needed. */
    private static FloatPointer reserve(FloatPointer buffer, int length) {
        if (buffer != null && buffer.capacity() >= length) {
            return buffer;
        }
        if (buffer != null) {
            buffer.close();
        }
        return new FloatPointer(Math.max(length, 1024));
    }

    /** Native operand buffers of one thread. */
    private static final class Buffers {
        FloatPointer a;
        FloatPointer b;
        FloatPointer c;
    }
}
