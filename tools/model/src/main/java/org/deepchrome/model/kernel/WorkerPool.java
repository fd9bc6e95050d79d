package org.deepchrome.model.kernel;

import org.deepchrome.core.concurrent.Futures;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The fan-out both inference classes ({@link CnnInference}, the attentive model's) use: genes
 * in chunks, run on up to {@code threads} workers that take chunks in turn
 * ({@link #forEachChunk}); with one worker, or one chunk, all runs on the calling thread.
 * The workers are started on first use and kept (daemon threads, with their thread-local
 * kernels): new threads per call re-allocated each kernel's buffers and made throughput erratic.
 */
public final class WorkerPool implements AutoCloseable {
    private final String owner;
    private final String threadName;
    private final int threads;
    private final Runnable threadSetup;
    private ExecutorService pool;
    private boolean closed;

    /**
     * {@code owner} names the user in the message of a use after {@link #close}; {@code threadSetup}
     * runs first on each worker thread (null: nothing).
     */
    public WorkerPool(String owner, String threadName, int threads, Runnable threadSetup) {
        this.owner = owner;
        this.threadName = threadName;
        this.threads = Math.max(1, threads);
        this.threadSetup = threadSetup;
    }

    /**
     * Runs chunks {@code 0..chunks} on {@code min(threads, chunks)} workers and waits for all.
     * Each worker calls {@code worker} once, on its own thread, for what it does with a chunk,
     * then takes chunks from a shared counter until none is left (fast workers take more).
     * A worker's exception is rethrown here.
     */
    public void forEachChunk(int chunks, Supplier<IntConsumer> worker) {
        AtomicInteger next = new AtomicInteger();
        Runnable task = () -> {
            IntConsumer chunk = worker.get();
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                chunk.accept(c);
            }
        };
        int workers = Math.min(threads, chunks);
        if (workers <= 1) {
            task.run();
            return;
        }
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            running.add(pool().submit(task));
        }
        Futures.awaitAll(running, "inference");
    }

    private synchronized ExecutorService pool() {
        if (closed) {
            throw new IllegalStateException(owner + " used after close()");
        }
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(threadSetup == null ? r : () -> {
                    threadSetup.run();
                    r.run();
                }, threadName);
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

    /** The worker pool exists and has not been shut down (for tests). */
    public synchronized boolean hasWorkers() {
        return pool != null;
    }
}
