package org.deepchrome.model.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Inference with the CNN on {@code threads} threads: genes are taken in chunks, each thread runs
 * its own {@link CnnKernel} with single-threaded products. A chunk's numbers do not depend on
 * which thread scored it, so results are the same for any thread count. (Sharing one product
 * between threads instead gained nothing here: the rest of the pass stayed serial.)
 */
public final class CnnInference implements AutoCloseable {
    private final int chunk;
    private final int threads;
    private final ThreadLocal<CnnKernel> kernels;
    private ExecutorService pool;
    private boolean closed;

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
        this.threads = Math.max(1, threads);
        this.kernels = ThreadLocal.withInitial(() -> new CnnKernel(parameters, chunk));
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
        int chunks = (genes + chunk - 1) / chunk;
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            CnnKernel kernel = kernels.get();
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                int from = c * chunk;
                task.score(kernel, from, Math.min(genes, from + chunk), p);
            }
        };
        int workers = Math.min(threads, chunks);
        if (workers <= 1) {
            worker.run();
            return p;
        }
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(pool().submit(worker));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("inference interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
        return p;
    }

    /**
     * The workers, started on first use and kept (daemon threads) with their kernels: new
     * threads per call re-allocated each kernel's megabyte buffers and made throughput erratic.
     */
    private synchronized ExecutorService pool() {
        if (closed) {
            throw new IllegalStateException("CnnInference used after close()");
        }
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(() -> {
                    Sgemm.setThreads(1); // OpenMP settings are per thread: one core per worker
                    r.run();
                }, "cnn-inference");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    /**
     * Stops the workers. They are daemon threads, so a tool would exit without this, but a
     * long-lived caller (tests, a model scored then dropped) would otherwise keep idle threads.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.shutdown(); // no task is pending: run() waits for all it submits
            pool = null;
        }
    }

    /** For tests: the worker pool exists and has not been shut down. */
    synchronized boolean hasWorkers() {
        return pool != null;
    }
}
