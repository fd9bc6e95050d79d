package org.deepchrome.model.kernel;

import org.deepchrome.model.CnnArchitecture;
import org.deepchrome.model.Optimizer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CnnInferenceTest {

    @Test
    void anyThreadCountGivesTheSameNumbers() {
        MultiLayerNetwork net = CnnArchitecture.build(5, 100, 21, Optimizer.ADAM, 1e-3);
        CnnParameters params = CnnParameters.fromNetwork(net, 5, 100);
        int genes = 1000; // several chunks of 64 and a partial last one
        float[] x = new float[genes * 500];
        Random r = new Random(2);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.log1p(r.nextInt(40));
        }
        double[] oneThread = new CnnInference(params, 64, 1).probabilityHigh(x, genes);
        for (int threads : new int[] {2, 3}) {
            double[] p = new CnnInference(params, 64, threads).probabilityHigh(x, genes);
            assertArrayEquals(oneThread, p, 0.0, threads + " threads");
        }
        // One pass over all genes: the same up to rounding (sgemm may block a 1000-row product
        // differently from 64-row ones, so the last bits can differ, as seen with AVX2 kernels).
        double[] single = new CnnKernel(params, genes).probabilityHigh(x, genes);
        assertArrayEquals(single, oneThread, 1e-6);
        assertEquals(genes, single.length);
    }

    @Test
    void anErrorInAWorkerReachesTheCaller() {
        CnnParameters params = CnnParameters.fromNetwork(CnnArchitecture.build(5, 100, 1, Optimizer.ADAM, 1e-3), 5, 100);
        CnnInference inference = new CnnInference(params, 8, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> inference.probabilityHigh(40, (from, to, buffer) -> {
                    throw new IllegalStateException("unreadable genes " + from);
                }));
        assertEquals(true, e.getMessage().startsWith("unreadable genes"));
    }

    @Test
    void closeStopsTheWorkerThreads() throws InterruptedException {
        CnnParameters params = CnnParameters.fromNetwork(CnnArchitecture.build(5, 100, 1, Optimizer.ADAM, 1e-3), 5, 100);
        CnnInference inference = new CnnInference(params, 8, 2);
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        inference.probabilityHigh(40, (from, to, buffer) -> workers.add(Thread.currentThread()));
        assertTrue(inference.hasWorkers());
        assertFalse(workers.isEmpty());
        assertFalse(workers.contains(Thread.currentThread()), "5 chunks on 2 threads run on the pool");
        inference.close();
        for (Thread worker : workers) {
            worker.join(10_000);
            assertFalse(worker.isAlive(), worker.getName() + " still running after close()");
        }
        assertFalse(inference.hasWorkers());
        assertThrows(IllegalStateException.class, () -> inference.probabilityHigh(40, (from, to, buffer) -> { }));
    }
}
