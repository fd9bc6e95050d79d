package org.deepchrome.model.kernel;

/**
 * Inference with the CNN on {@code threads} threads ({@link WorkerPool}): genes are taken in
 * chunks, each thread runs its own {@link CnnKernel} with single-threaded products. A chunk's
 * numbers do not depend on which thread scored it, so results are the same for any thread
 * count. (Sharing one product between threads instead gained nothing here: the rest of the pass
 * stayed serial.)
 */
public final class CnnInference implements AutoCloseable {
    private final int chunk;
    private final ThreadLocal<CnnKernel> kernels;
    private final WorkerPool workers;

    /**
     * Writes the network input of genes {@code from..to} ({@code [gene][mark][bin]}, transformed)
     * into {@code buffer} from its start. Each worker reuses one buffer: a fresh megabyte per
     * chunk would be a humongous allocation for the G1 collector, which slowed inference.
     */
    public interface InputSource {
        void fill(int from, int to, float[] buffer);
    }

    public CnnInference(CnnParameters parameters, int chunk, int threads) {
        this.chunk = chunk;
        this.kernels = ThreadLocal.withInitial(() -> new CnnKernel(parameters, chunk));
        // OpenMP settings are per thread: one core per worker
        this.workers = new WorkerPool("CnnInference", "cnn-inference", threads, () -> Sgemm.setThreads(1));
    }

    /** P(high) of genes {@code 0..genes}, their input written chunk by chunk by {@code source}. */
    public double[] probabilityHigh(int genes, InputSource source) {
        return run(genes, (kernel, from, to, p) -> {
            float[] buffer = kernel.inputBuffer();
            source.fill(from, to, buffer);
            kernel.probabilityHigh(buffer, 0, to - from, p, from);
        });
    }

    /** P(high) of genes already in network input form, all in one array (read in place). */
    public double[] probabilityHigh(float[] input, int genes) {
        return run(genes, (kernel, from, to, p) -> kernel.probabilityHigh(input, from, to - from, p, from));
    }

    /** Scores genes {@code from..to} into {@code p[from..to]} with a worker's kernel. */
    private interface ChunkTask {
        void score(CnnKernel kernel, int from, int to, double[] p);
    }

    private double[] run(int genes, ChunkTask task) {
        double[] p = new double[genes];
        workers.forEachChunk((genes + chunk - 1) / chunk, () -> {
            CnnKernel kernel = kernels.get();
            return c -> {
                int from = c * chunk;
                task.score(kernel, from, Math.min(genes, from + chunk), p);
            };
        });
        return p;
    }

    /**
     * Stops the workers. They are daemon threads, so a tool would exit without this, but a
     * long-lived caller (tests, a model scored then dropped) would otherwise keep idle threads.
     */
    @Override
    public void close() {
        workers.close();
    }

    /** For tests: the worker pool exists and has not been shut down. */
    boolean hasWorkers() {
        return workers.hasWorkers();
    }
}
