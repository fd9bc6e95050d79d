package org.deepchrome.predict;

import org.deepchrome.core.io.AtomicFile;
import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.model.attentive.AttentiveModel;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

/**
 * The attention weights of an attentive model for every gene, as one long TSV (gzipped when
 * the name ends in .gz): {@code gene_id	mark	bin	alpha	beta}, one row per gene × mark ×
 * bin (bins numbered from 1 as in the matrix), α the bin attention (sums to 1 over a gene's
 * bins of one mark) and β the mark attention (the same on every row of a gene's mark; sums
 * to 1 over the marks).
 */
final class AttentionTable {
    static final String HEADER = "gene_id\tmark\tbin\talpha\tbeta\n";

    private AttentionTable() {
    }

    /** Scores every gene, writes the table atomically and returns the scores. */
    static double[] scoreAndWrite(AttentiveModel model, GeneMatrix matrix, Path target) throws IOException {
        double[] scores = new double[matrix.geneCount()];
        List<String> marks = model.marks();
        try (AtomicFile out = AtomicFile.create(target)) {
            Writer w = out.writer();
            w.write(HEADER);
            StringBuilder line = new StringBuilder(64);
            IOException[] failure = new IOException[1];
            model.attention(matrix, (gene, output, alpha, beta) -> {
                scores[gene] = output;
                if (failure[0] != null) {
                    return;
                }
                try {
                    String id = matrix.geneId(gene);
                    for (int m = 0; m < alpha.length; m++) {
                        String betaText = format(beta[m]);
                        for (int b = 0; b < alpha[m].length; b++) {
                            line.setLength(0);
                            line.append(id).append('\t').append(marks.get(m)).append('\t').append(b + 1).append('\t')
                                    .append(format(alpha[m][b])).append('\t').append(betaText).append('\n');
                            w.append(line);
                        }
                    }
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            w.flush();
            out.commit();
        }
        return scores;
    }

    /** Six significant digits: weights near 1/bins need more than six decimals' worth of zeros. */
    private static String format(float v) {
        return String.format(java.util.Locale.ROOT, "%.6g", v);
    }
}
