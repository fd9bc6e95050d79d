package org.deepchrome.model.attentive;

import org.deepchrome.model.kernel.WorkerPool;

/**
 * Inference on {@code threads} threads ({@link WorkerPool}): genes in chunks, one
 * {@link AttentiveForward} per worker. A gene's numbers do not depend on its chunk or thread,
 * so results are the same for any thread count.
 */
public final class AttentiveInference implements AutoCloseable {
    /** Genes per forward pass: one mark's hidden states of a chunk (25 KB per gene of 100 bins) stay in the cache. */
    public static final int CHUNK = 32;

    private final AttentiveParameters parameters;
    private final boolean regression;
    private final ThreadLocal<AttentiveForward> kernels;
    private final WorkerPool workers;

    public AttentiveInference(AttentiveParameters parameters, boolean regression, int threads) {
        this.parameters = parameters;
        this.regression = regression;
        this.kernels = ThreadLocal.withInitial(() -> new AttentiveForward(parameters, CHUNK, regression));
        this.workers = new WorkerPool("AttentiveInference", "attentive-inference", threads, null);
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
        workers.forEachChunk((genes + CHUNK - 1) / CHUNK, () -> {
            AttentiveForward kernel = kernels.get();
            kernel.reload(); // the weights as they are now (training updates them between runs)
            float[] buffer = new float[CHUNK * parameters.marks() * parameters.bins()]; // one per worker
            return c -> {
                int from = c * CHUNK;
                int to = Math.min(genes, from + CHUNK);
                source.fill(from, to, buffer);
                kernel.forward(buffer, 0, to - from);
                consumer.accept(kernel, from, to);
            };
        });
    }

    public boolean regression() {
        return regression;
    }

    @Override
    public void close() {
        workers.close();
    }
}
