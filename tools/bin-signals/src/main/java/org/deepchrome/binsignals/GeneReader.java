package org.deepchrome.binsignals;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.io.Inputs;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the genes whose TSS windows are counted, in file order, from BED6 (name = gene id;
 * TSS = start for {@code +}, end − 1 for {@code -}) or GTF / GFF3 (records of type
 * {@code gene}; gene id from {@code gene_id}, else GFF3 {@code ID} without a {@code gene:}
 * prefix). The format follows the file name ({@code .gtf}, {@code .gff}, {@code .gff3},
 * optionally {@code .gz}); anything else is read as BED. Plain or gzip.
 */
public final class GeneReader {
    private GeneReader() {
    }

    public static List<Gene> read(Path file) {
        return read(file, null, false);
    }

    /**
     * As {@link #read(Path)}, keeping only genes whose GENCODE {@code gene_type} (Ensembl
     * {@code gene_biotype}, GFF3 {@code biotype}) is in {@code types} (null: all), and with
     * {@code perTranscript} one row per distinct TSS of a gene's transcripts (GTF records of type
     * {@code transcript}; GFF3 records whose Parent is a gene), id {@code gene:transcript} after the
     * first transcript (in file order) starting there.
     */
    public static List<Gene> read(Path file, java.util.Set<String> types, boolean perTranscript) {
        Boolean gff = isGff(file) ? Boolean.TRUE : null; // null: decided by the first data line
        List<Gene> genes = new ArrayList<>();
        Map<String, Long> firstLine = new HashMap<>();
        Map<String, String> gff3GeneTypes = new HashMap<>(); // GFF3 gene ID -> type, for its transcripts
        java.util.Set<String> tssSeen = new java.util.HashSet<>();
        try (BufferedReader reader = Inputs.openText(file, "gene file")) {
            String text;
            long line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank() || text.startsWith("#") || text.startsWith("track") || text.startsWith("browser")) {
                    continue;
                }
                if (gff == null) {
                    gff = looksLikeGff(text);
                    if (!gff && (types != null || perTranscript)) {
                        throw new BadInputException(file + ": --gene-types and --tss transcript need a GTF or GFF3 "
                                + "gene file (BED has no gene types or transcripts)");
                    }
                }
                Gene gene = !gff ? parseBed(file, line, text)
                        : parseGff(file, line, text, types, perTranscript, gff3GeneTypes, tssSeen);
                if (gene == null) {
                    continue;
                }
                Long earlier = firstLine.putIfAbsent(gene.id(), line);
                if (earlier != null) {
                    throw BadInputException.at(file, line, "gene id " + gene.id() + " appears again (first on line "
                            + earlier + "); gene ids must be unique");
                }
                genes.add(gene);
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read gene file: " + e.getMessage(), e);
        }
        if (genes.isEmpty()) {
            throw new BadInputException(file + ": no genes found" + (!Boolean.TRUE.equals(gff) ? " (BED: no data lines)"
                    : " (GTF/GFF3: no records of type '" + (perTranscript ? "transcript" : "gene") + "'"
                    + (types == null ? "" : " of gene type " + String.join(",", new java.util.TreeSet<>(types))) + ")"));
        }
        return genes;
    }

    static boolean isGff(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
        return name.endsWith(".gtf") || name.endsWith(".gff") || name.endsWith(".gff3");
    }

    /** GTF/GFF3 lines have nine columns, a source name second and integer coordinates fourth and fifth. */
    static boolean looksLikeGff(String line) {
        String[] f = line.split("\t", -1);
        return f.length == 9 && !f[1].trim().matches("-?\\d+") && f[3].trim().matches("\\d+") && f[4].trim().matches("\\d+");
    }

    private static Gene parseBed(Path file, long line, String text) {
        String[] f = firstColumns(text, 6); // not String.split: the gene file is read before the JIT has warmed up
        if (f == null) {
            throw BadInputException.at(file, line, "expected BED6 (chrom, start, end, name, score, strand, tab-separated),"
                    + " found " + text.split("\t", -1).length + " column(s)");
        }
        int start = integer(file, line, "start", f[1]);
        int end = integer(file, line, "end", f[2]);
        if (start < 0 || end <= start) {
            throw BadInputException.at(file, line, "start " + start + " and end " + end
                    + " do not form an interval (need 0 <= start < end)");
        }
        char strand = strand(file, line, f[5]);
        String id = f[3].trim();
        if (id.isEmpty() || id.contains(",")) {
            throw BadInputException.at(file, line, "name (gene id) '" + id + "' must be non-empty without commas");
        }
        return new Gene(id, f[0], strand == '+' ? start : end - 1, strand, line);
    }

    private static Gene parseGff(Path file, long line, String text, java.util.Set<String> types, boolean perTranscript,
                                 Map<String, String> gff3GeneTypes, java.util.Set<String> tssSeen) {
        String[] f = text.split("\t", -1);
        if (f.length < 9) {
            throw BadInputException.at(file, line, "expected 9 tab-separated GTF/GFF3 columns, found " + f.length);
        }
        boolean geneRecord = f[2].equals("gene");
        if (!perTranscript && !geneRecord) {
            return null;
        }
        if (perTranscript && !geneRecord && !f[2].equals("transcript") && !f[8].contains("Parent=")) {
            return null; // exons, CDS, UTRs...: only transcripts carry a TSS of their own
        }
        Map<String, String> attributes = attributes(f[8]);
        if (perTranscript) {
            if (geneRecord) {
                if (attributes.containsKey("ID")) { // GFF3: remember the type for the gene's transcripts
                    gff3GeneTypes.put(attributes.get("ID"), String.valueOf(geneType(attributes)));
                }
                return null;
            }
            String parent = attributes.get("Parent");
            boolean gtfTranscript = f[2].equals("transcript") && attributes.containsKey("gene_id");
            if (!gtfTranscript && (parent == null || !gff3GeneTypes.containsKey(parent))) {
                return null; // a GFF3 child of a transcript (exon, CDS, ...), not of a gene
            }
            String type = gtfTranscript ? geneType(attributes) : gff3GeneTypes.get(parent);
            if (types != null && !types.contains(type)) {
                return null;
            }
            String geneId = gtfTranscript ? attributes.get("gene_id") : parent.replaceFirst("^gene:", "");
            String transcriptId = attributes.containsKey("transcript_id") ? attributes.get("transcript_id")
                    : attributes.getOrDefault("ID", "").replaceFirst("^transcript:", "");
            if (transcriptId.isEmpty()) {
                throw BadInputException.at(file, line, "transcript record has no transcript_id (GTF) or ID (GFF3) attribute");
            }
            Gene t = position(file, line, f, geneId + ":" + transcriptId);
            // one row per distinct TSS of a gene: later transcripts starting at the same base add nothing
            return tssSeen.add(geneId + "\t" + t.contig() + "\t" + t.tss() + "\t" + t.strand()) ? t : null;
        }
        if (types != null && !types.contains(geneType(attributes))) {
            return null;
        }
        String id = attributes.get("gene_id");
        if (id == null && attributes.containsKey("ID")) {
            id = attributes.get("ID").replaceFirst("^gene:", "");
        }
        if (id == null || id.isEmpty()) {
            throw BadInputException.at(file, line, "gene record has no gene_id (GTF) or ID (GFF3) attribute");
        }
        return position(file, line, f, id);
    }

    /** GENCODE gene_type, Ensembl GTF gene_biotype, Ensembl GFF3 biotype; null when none is given. */
    private static String geneType(Map<String, String> attributes) {
        String t = attributes.get("gene_type");
        if (t == null) {
            t = attributes.get("gene_biotype");
        }
        return t != null ? t : attributes.get("biotype");
    }

    /** The TSS of a GTF/GFF3 record (1-based inclusive coordinates): start for +, end for -. */
    private static Gene position(Path file, long line, String[] f, String id) {
        int start = integer(file, line, "start", f[3]); // 1-based, inclusive
        int end = integer(file, line, "end", f[4]);
        if (start < 1 || end < start) {
            throw BadInputException.at(file, line, "start " + start + " and end " + end
                    + " do not form an interval (need 1 <= start <= end)");
        }
        char strand = strand(file, line, f[6]);
        return new Gene(id, f[0], strand == '+' ? start - 1 : end - 1, strand, line);
    }

    /** GTF ({@code key "value";}) and GFF3 ({@code key=value;}) attributes alike. */
    private static Map<String, String> attributes(String column) {
        Map<String, String> map = new HashMap<>();
        for (String part : column.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            int space = p.indexOf(' ');
            int cut = eq >= 0 && (space < 0 || eq < space) ? eq : space;
            if (cut > 0) {
                String value = p.substring(cut + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                map.putIfAbsent(p.substring(0, cut).trim(), value);
            }
        }
        return map;
    }

    /** The first {@code n} tab-separated columns of {@code text}, or null when it has fewer. */
    private static String[] firstColumns(String text, int n) {
        String[] columns = new String[n];
        int from = 0;
        for (int c = 0; c < n; c++) {
            int tab = text.indexOf('\t', from);
            if (tab < 0 && c < n - 1) {
                return null;
            }
            columns[c] = text.substring(from, tab < 0 ? text.length() : tab);
            from = tab + 1;
        }
        return columns;
    }

    private static int integer(Path file, long line, String column, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw BadInputException.at(file, line, column + " '" + value + "' is not an integer");
        }
    }

    private static char strand(Path file, long line, String value) {
        String s = value.trim();
        if (!s.equals("+") && !s.equals("-")) {
            throw BadInputException.at(file, line, "strand '" + value + "' must be + or - (the TSS depends on it)");
        }
        return s.charAt(0);
    }
}
