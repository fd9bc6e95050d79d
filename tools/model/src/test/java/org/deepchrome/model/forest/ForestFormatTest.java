package org.deepchrome.model.forest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForestFormatTest {
    private static final ForestTrainerTest.Data DATA = ForestTrainerTest.Data.make(200, 9);

    @Test
    void roundTripKeepsEveryNodeAndPrediction() throws IOException {
        RandomForest forest = new ForestTrainer(4, 2, 1, 256).fit(DATA.rows(), DATA.labels(), () -> { });
        byte[] bytes = ForestTrainerTest.bytes(forest);
        RandomForest back = ForestFormat.read(bytes);
        assertEquals(forest.features(), back.features());
        for (int t = 0; t < 4; t++) {
            TreeGrowerTest.assertSameTree(forest.trees().get(t), back.trees().get(t));
        }
        assertArrayEquals(ForestTrainerTest.scores(forest, DATA), ForestTrainerTest.scores(back, DATA), 0.0);
        assertArrayEquals(bytes, ForestTrainerTest.bytes(back));
    }

    @Test
    void damagedEntriesAreRefusedSayingWhy() throws IOException {
        RandomForest stump = new RandomForest(2, java.util.List.of(new DecisionTree(new int[] {1, -1, -1},
                new float[] {0.5f, 0, 0}, new int[] {1, 0, 0}, new int[] {2, 0, 0}, new float[] {0.5f, 0f, 1f})));
        byte[] good = ForestTrainerTest.bytes(stump);
        assertEquals(1, ForestFormat.read(good).trees().size());

        assertRefused(Arrays.copyOf(good, good.length - 3), "truncated");
        assertRefused(Arrays.copyOf(good, good.length + 1), "unexpected bytes");
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertRefused(magic, "bad magic");
        // Header: magic, version, features, trees, nodes (5 ints); node 0 = feature, threshold, left, right, fraction.
        byte[] loop = good.clone();
        ByteBuffer.wrap(loop).putInt(20 + 8, 0);
        assertRefused(loop, "tree 0, node 0: invalid node");
        byte[] feature = good.clone();
        ByteBuffer.wrap(feature).putInt(20, 2);
        assertRefused(feature, "tree 0, node 0: invalid node");
        byte[] version = good.clone();
        ByteBuffer.wrap(version).putInt(4, 99);
        assertRefused(version, "version 99");
    }

    private static void assertRefused(byte[] bytes, String why) {
        IOException e = assertThrows(IOException.class, () -> ForestFormat.read(bytes));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
