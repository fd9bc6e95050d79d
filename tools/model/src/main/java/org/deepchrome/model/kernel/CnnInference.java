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
public final class CnnInference {
    private final CnnParameters parameters;
    private final int chunk;
    private final int threads;
    private final ThreadLocal<CnnKernel> kernels;

    /** Supplies the network input of genes {@code from..to} ({@code [gene][mark][bin]}, transformed). */
    public interface InputSource {
        float[] genes(int from, int to);
    }

    public CnnInference(CnnParameters parameters, int chunk, int threads) {
        this.parameters = parameters;
        this.chunk = chunk;
        this.threads = Math.max(1, threads);
        this.kernels = ThreadLocal.withInitial(() -> new CnnKernel(parameters, chunk));
    }

    /** P(high) of genes {@code 0..genes}. */
    public double[] probabilityHigh(int genes, InputSource source) {
        double[] p = new double[genes];
        int chunks = (genes + chunk - 1) / chunk;
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            CnnKernel kernel = kernels.get();
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                int from = c * chunk;
                int to = Math.min(genes, from + chunk);
                double[] q = kernel.probabilityHigh(source.genes(from, to), to - from);
                System.arraycopy(q, 0, p, from, to - from);
            }
        };
        int workers = Math.min(threads, chunks);
        if (workers <= 1) {
            worker.run();
            return p;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(() -> {
                Sgemm.setThreads(1); // OpenMP settings are per thread: one core per worker
                r.run();
            }, "cnn-inference");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(worker));
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
        } finally {
            pool.shutdownNow();
        }
        return p;
    }

    /** P(high) of genes already in network input form, all in one array. */
    public double[] probabilityHigh(float[] input, int genes) {
        int perGene = parameters.marks() * parameters.bins();
        return probabilityHigh(genes, (from, to) -> {
            float[] part = new float[(to - from) * perGene];
            System.arraycopy(input, from * perGene, part, 0, part.length);
            return part;
        });
    }
}
