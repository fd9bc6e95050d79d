package org.deepchrome.core.concurrent;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to worker threads, the same way in every tool. */
public final class Futures {
    private Futures() {
    }

    /**
     * Waits for every future in turn. A task's RuntimeException is rethrown as it is, so bad
     * input found on a worker (BadInputException) stays one line and exit 2; anything else a task
     * throws becomes an IllegalStateException (an internal error) naming {@code work}.
     */
    public static void awaitAll(List<? extends Future<?>> futures, String work) {
        for (Future<?> f : futures) {
            await(f, work);
        }
    }

    /** Waits for one future and returns its value; failures as in {@link #awaitAll}. */
    public static <T> T await(Future<T> future, String work) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(work + " interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(work + " failed: " + e.getCause(), e.getCause());
        }
    }
}
