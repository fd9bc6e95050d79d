package org.deepchrome.model.attentive;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Inference on {@code threads} threads: genes in chunks, one {@link AttentiveForward} per worker.
 * A gene's numbers do not depend on its chunk or thread, so results are the same for any
 * thread count.
 */
public final class AttentiveInference implements AutoCloseable {
    /** Genes per forward pass: one mark's hidden states of a chunk (25 KB per gene of 100 bins) stay in the cache. */
    public static final int CHUNK = 32;

    private final AttentiveParameters parameters;
    private final boolean regression;
    private final int threads;
    private final ThreadLocal<AttentiveForward> kernels;
    private ExecutorService pool;

    public AttentiveInference(AttentiveParameters parameters, boolean regression, int threads) {
        this.parameters = parameters;
        this.regression = regression;
        this.threads = Math.max(1, threads);
        this.kernels = ThreadLocal.withInitial(() -> new AttentiveForward(parameters, CHUNK, regression));
    }

    /** What a worker does with one chunk after its forward pass. */
    public interface ChunkConsumer {
        void accept(AttentiveForward kernel, int from, int to);
    }

    /** Fills a worker's buffer with the network input of genes {@code from..to}. */
    public interface InputSource {
        void fill(int from, int to, float[] buffer);
    }

    /** Model outputs (P(high), or values for regression) of genes {@code 0..genes}. */
    public double[] outputs(int genes, InputSource source) {
        double[] out = new double[genes];
        run(genes, source, (kernel, from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = kernel.output(i - from);
            }
        });
        return out;
    }

    /** Model outputs of genes already in network input form. */
    public double[] outputs(float[] input, int genes) {
        int perGene = parameters.marks() * parameters.bins();
        return outputs(genes, (from, to, buffer) ->
                System.arraycopy(input, from * perGene, buffer, 0, (to - from) * perGene));
    }

    /** Runs every chunk's forward pass and hands the kernel to {@code consumer} (called from the workers). */
    public void run(int genes, InputSource source, ChunkConsumer consumer) {
        int chunks = (genes + CHUNK - 1) / CHUNK;
        AtomicInteger next = new AtomicInteger();
        ThreadLocal<float[]> buffers = ThreadLocal.withInitial(
                () -> new float[CHUNK * parameters.marks() * parameters.bins()]);
        Runnable worker = () -> {
            AttentiveForward kernel = kernels.get();
            kernel.reload(); // the weights as they are now (training updates them between runs)
            float[] buffer = buffers.get();
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                int from = c * CHUNK;
                int to = Math.min(genes, from + CHUNK);
                source.fill(from, to, buffer);
                kernel.forward(buffer, 0, to - from);
                consumer.accept(kernel, from, to);
            }
        };
        int workers = Math.min(threads, chunks);
        if (workers <= 1) {
            worker.run();
            return;
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
    }

    public boolean regression() {
        return regression;
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "attentive-inference");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.shutdown();
            pool = null;
        }
    }
}
