package org.deepchrome.predict;

import org.deepchrome.core.matrix.GeneMatrix;
import org.deepchrome.model.attentive.AttentiveModel;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * The attention weights of an attentive model for every gene, as one long TSV (gzipped when
 * the name ends in .gz): {@code gene_id	mark	bin	alpha	beta}, one row per gene × mark ×
 * bin (bins numbered from 1 as in the matrix), α the bin attention (sums to 1 over a gene's
 * bins of one mark) and β the mark attention (the same on every row of a gene's mark; sums
 * to 1 over the marks). Written chunk by chunk of the matrix, into a writer the caller commits.
 */
final class AttentionTable {
    static final String HEADER = "gene_id\tmark\tbin\talpha\tbeta\n";

    private final AttentiveModel model;
    private final Writer w;
    private final StringBuilder line = new StringBuilder(64);

    AttentionTable(AttentiveModel model, Writer w) throws IOException {
        this.model = model;
        this.w = w;
        w.write(HEADER);
    }

    /** Scores the chunk's genes, writes their rows and returns the scores. */
    double[] scoreAndWrite(GeneMatrix chunk) throws IOException {
        double[] scores = new double[chunk.geneCount()];
        List<String> marks = model.marks();
        IOException[] failure = new IOException[1];
        model.attention(chunk, (gene, output, alpha, beta) -> {
            scores[gene] = output;
            if (failure[0] != null) {
                return;
            }
            try {
                String id = chunk.geneId(gene);
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
        return scores;
    }

    /** Flushes the rows written so far (before the caller commits the file). */
    void finish() throws IOException {
        w.flush();
    }

    /** Six significant digits: weights near 1/bins need more than six decimals' worth of zeros. */
    private static String format(float v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
