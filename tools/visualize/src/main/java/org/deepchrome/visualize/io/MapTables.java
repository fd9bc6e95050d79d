package org.deepchrome.visualize.io;

import org.deepchrome.core.io.AtomicFile;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes marks × bins maps as long TSV tables (one row per mark and bin, bins 1-based). */
public final class MapTables {
    private MapTables() {
    }

    /** {@code class	mark	bin	value}; {@code maps[i]} belongs to {@code classNames.get(i)}. */
    public static void writeClassMaps(Path target, List<String> classNames, List<String> marks, double[][][] maps)
            throws IOException {
        try (AtomicFile out = AtomicFile.create(target)) {
            Writer w = out.writer();
            w.write("class\tmark\tbin\tvalue\n");
            for (int c = 0; c < classNames.size(); c++) {
                writeRows(w, classNames.get(c) + "\t", marks, maps[c]);
            }
            w.flush();
            out.commit();
        }
    }

    /** {@code gene_id	group	probability_high	mark	bin	value}. */
    public static void writeGeneMaps(Path target, List<String> genes, List<String> groups, double[] probability,
            List<String> marks, double[][][] maps) throws IOException {
        writeGeneMaps(target, genes, groups, "probability_high", probability, marks, maps);
    }

    /** {@code scoreColumn}: what {@code score} holds, e.g. predicted_level for a regression model. */
    public static void writeGeneMaps(Path target, List<String> genes, List<String> groups, String scoreColumn,
            double[] probability, List<String> marks, double[][][] maps) throws IOException {
        try (AtomicFile out = AtomicFile.create(target)) {
            Writer w = out.writer();
            w.write("gene_id\tgroup\t" + scoreColumn + "\tmark\tbin\tvalue\n");
            for (int g = 0; g < genes.size(); g++) {
                String prefix = genes.get(g) + "\t" + groups.get(g) + "\t" + format(probability[g]) + "\t";
                writeRows(w, prefix, marks, maps[g]);
            }
            w.flush();
            out.commit();
        }
    }

    private static void writeRows(Writer w, String prefix, List<String> marks, double[][] map) throws IOException {
        for (int m = 0; m < marks.size(); m++) {
            for (int b = 0; b < map[m].length; b++) {
                w.write(prefix + marks.get(m) + "\t" + (b + 1) + "\t" + format(map[m][b]) + "\n");
            }
        }
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
