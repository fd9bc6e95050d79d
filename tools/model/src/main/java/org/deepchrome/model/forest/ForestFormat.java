package org.deepchrome.model.forest;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The forest's entry in a model file: big-endian binary, {@code DCRF}, format version, feature
 * count, tree count, then per tree its node count and per node (feature or −1 for a leaf,
 * threshold, left, right, high fraction). Reading checks every index, so a damaged entry is
 * refused with a message instead of predicting nonsense or looping.
 */
public final class ForestFormat {
    private static final int MAGIC = 0x44435246; // "DCRF"
    public static final int VERSION = 1;
    private static final int NODE_BYTES = 20;

    private ForestFormat() {
    }

    public static void write(RandomForest forest, OutputStream target) throws IOException {
        DataOutputStream out = new DataOutputStream(target);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(forest.features());
        out.writeInt(forest.trees().size());
        for (DecisionTree tree : forest.trees()) {
            out.writeInt(tree.nodeCount());
            for (int n = 0; n < tree.nodeCount(); n++) {
                out.writeInt(tree.feature(n));
                out.writeFloat(tree.threshold(n));
                out.writeInt(tree.left(n));
                out.writeInt(tree.right(n));
                out.writeFloat(tree.highFraction(n));
            }
        }
        out.flush();
    }

    /** Reads a forest; a malformed entry is an {@link IOException} saying what is wrong. */
    public static RandomForest read(byte[] bytes) throws IOException {
        return read(bytes, false);
    }

    /** {@code regression}: leaves hold mean levels (any finite number) instead of fractions in [0, 1]. */
    public static RandomForest read(byte[] bytes, boolean regression) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a DeepChrome forest (bad magic number)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("forest format version " + version + ", this suite reads " + VERSION);
            }
            int features = in.readInt();
            int count = in.readInt();
            if (features < 1 || count < 1) {
                throw new IOException("forest of " + count + " trees over " + features + " features");
            }
            List<DecisionTree> trees = new ArrayList<>(Math.min(count, 1 << 16));
            for (int t = 0; t < count; t++) {
                trees.add(readTree(in, t, features, bytes.length, regression));
            }
            if (in.read() != -1) {
                throw new IOException("unexpected bytes after the last tree");
            }
            return new RandomForest(features, trees);
        } catch (EOFException e) {
            throw new IOException("forest entry is truncated");
        }
    }

    private static DecisionTree readTree(DataInputStream in, int t, int features, int available, boolean regression)
            throws IOException {
        int nodes = in.readInt();
        if (nodes < 1 || (long) nodes * NODE_BYTES > available) {
            throw new IOException("tree " + t + ": bad node count " + nodes);
        }
        int[] feature = new int[nodes];
        float[] threshold = new float[nodes];
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        float[] fraction = new float[nodes];
        for (int n = 0; n < nodes; n++) {
            feature[n] = in.readInt();
            threshold[n] = in.readFloat();
            left[n] = in.readInt();
            right[n] = in.readInt();
            fraction[n] = in.readFloat();
            boolean leaf = feature[n] == DecisionTree.LEAF;
            // Children come after their parent, so every path ends at a leaf.
            boolean ok = leaf ? (regression ? Float.isFinite(fraction[n]) : fraction[n] >= 0 && fraction[n] <= 1)
                    : feature[n] >= 0 && feature[n] < features && !Float.isNaN(threshold[n])
                    && left[n] > n && left[n] < nodes && right[n] > n && right[n] < nodes;
            if (!ok) {
                throw new IOException("tree " + t + ", node " + n + ": invalid node");
            }
        }
        return new DecisionTree(feature, threshold, left, right, fraction);
    }
}
