package org.deepchrome.core.concurrent;

import org.deepchrome.core.BadInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FuturesTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void waitsForEveryTask() {
        AtomicInteger done = new AtomicInteger();
        List<Future<?>> futures = List.of(pool.submit(done::incrementAndGet), pool.submit(done::incrementAndGet),
                pool.submit(done::incrementAndGet));
        Futures.awaitAll(futures, "counting");
        assertEquals(3, done.get());
    }

    @Test
    void badInputOnAWorkerComesBackAsItWas() {
        BadInputException bad = new BadInputException("reads.bam: cannot decode chr1:1-100: truncated");
        List<Future<?>> futures = List.of(pool.submit(() -> {
            throw bad;
        }));
        assertSame(bad, assertThrows(BadInputException.class, () -> Futures.awaitAll(futures, "counting")));
    }

    @Test
    void aCheckedFailureIsAnInternalErrorNamingTheWork() {
        List<Future<?>> futures = List.of(pool.submit(() -> {
            throw new IOException("disk gone");
        }));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Futures.awaitAll(futures, "growing the forest"));
        assertTrue(e.getMessage().startsWith("growing the forest failed: "), e.getMessage());
        assertTrue(e.getCause() instanceof IOException);
    }
}
