package org.deepchrome.binsignals;

import org.deepchrome.core.io.AtomicFile;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the counted bins as BED6 ({@code chrom start end gene_id:bin 0 strand}, bin 1-based,
 * genes in matrix order) so anyone can recount them with bedtools. A bin running off a
 * chromosome end is clipped to it; a bin wholly off the chromosome (never counted) is left out.
 */
final class BinsBed {
    private BinsBed() {
    }

    /** {@code lengths}: gene contig → length where an alignment header tells it (else no end clipping). */
    static void write(BinLayout layout, Map<String, Integer> lengths, Path target) throws IOException {
        try (AtomicFile out = AtomicFile.create(target)) {
            Writer w = out.writer();
            StringBuilder line = new StringBuilder(64);
            for (Gene g : layout.genes()) {
                Integer length = lengths.get(g.contig());
                for (int b = 0; b < layout.bins(); b++) {
                    long start = Math.max(0, layout.binStart(g, b));
                    long end = layout.binStart(g, b) + layout.binSize();
                    if (length != null) {
                        end = Math.min(end, length);
                    }
                    if (end <= start) {
                        continue;
                    }
                    line.setLength(0);
                    line.append(g.contig()).append('\t').append(start).append('\t').append(end).append('\t')
                            .append(g.id()).append(':').append(b + 1).append("\t0\t").append(g.strand()).append('\n');
                    w.append(line);
                }
            }
            w.flush();
            out.commit();
        }
    }
}
