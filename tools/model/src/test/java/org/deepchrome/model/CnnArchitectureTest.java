package org.deepchrome.model;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CnnArchitectureTest {

    @Test
    void hasThePapersParameterCountSoDenseLayersSeeTheFlattenedPooledMap() {
        MultiLayerNetwork net = CnnArchitecture.build(5, 100, 1, Optimizer.ADAM, 1e-3);
        long conv = 5 * 10 * 50 + 50;
        long dense1 = (50 * 18) * 625 + 625;
        long dense2 = 625 * 125 + 125;
        long out = 125 * 2 + 2;
        assertEquals(conv + dense1 + dense2 + out, net.numParams());
        assertEquals(conv, net.getLayer(0).numParams());
        assertEquals(dense1, net.getLayer(2).numParams());
        assertEquals(CnnArchitecture.parameterCount(5, 100), net.numParams());
    }

    @Test
    void otherBinCountsAndMarkCountsScaleTheFirstDenseLayer() {
        MultiLayerNetwork net = CnnArchitecture.build(3, 60, 1, Optimizer.ADAM, 1e-3);
        assertEquals(CnnArchitecture.parameterCount(3, 60), net.numParams());
        assertEquals((50L * 10) * 625 + 625, net.getLayer(2).numParams());
    }

    @Test
    void outputIsOneProbabilityPairPerGene() {
        MultiLayerNetwork net = CnnArchitecture.build(5, 100, 1, Optimizer.ADAM, 1e-3);
        GeneMatrix m = randomMatrix(7, 3);
        CnnModel model = new CnnModel(TestModels.metadata(ModelKind.CNN, m), net);
        INDArray out = net.output(model.toInput(m), false);
        assertArrayEquals(new long[] {7, 2}, out.shape());
        for (int g = 0; g < 7; g++) {
            assertEquals(1.0, out.getDouble(g, 0) + out.getDouble(g, 1), 1e-5);
        }
    }

    @Test
    void sameSeedGivesSameInitialWeightsAndOtherSeedDoesNot() {
        INDArray a = CnnArchitecture.build(5, 100, 7, Optimizer.ADAM, 1e-3).params().dup();
        INDArray b = CnnArchitecture.build(5, 100, 7, Optimizer.ADAM, 1e-3).params().dup();
        INDArray c = CnnArchitecture.build(5, 100, 8, Optimizer.ADAM, 1e-3).params().dup();
        assertEquals(a, b);
        assertEquals(false, a.equals(c));
    }

    static GeneMatrix randomMatrix(int genes, long seed) {
        Random r = new Random(seed);
        List<String> ids = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        int[] labels = new int[genes];
        for (int g = 0; g < genes; g++) {
            ids.add("g" + g);
            float[] v = new float[5 * 100];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextInt(20);
            }
            values.add(v);
            labels[g] = g % 2;
        }
        return new GeneMatrix(GeneMatrix.PAPER_MARKS, 100, ids, values, labels);
    }
}
