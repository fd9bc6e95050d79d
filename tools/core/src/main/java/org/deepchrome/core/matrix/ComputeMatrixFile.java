package org.deepchrome.core.matrix;

import org.deepchrome.core.BadInputException;
import org.deepchrome.core.io.AtomicFile;
import org.deepchrome.core.io.Inputs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * deepTools' computeMatrix file (reference-point mode): gzip; a first line {@code @} + JSON of
 * the parameters (upstream, downstream, bin size, sample_labels, sample_boundaries,
 * group_labels, group_boundaries, …, as heatmapper.save_matrix writes them); then per region
 * chrom, start, end, name, score, strand and the bins of each sample in turn, tab-separated,
 * values printed with {@code %f}. Samples are marks; the region name is the gene id.
 * plotHeatmap and plotProfile read what {@link #write} writes; {@link #read} reads
 * computeMatrix's own files (unlabelled; negative values allowed, e.g. log2 tracks).
 */
public final class ComputeMatrixFile {
    private ComputeMatrixFile() {
    }

    /** One row's region: 0-based half-open [start, end), strand + or -. */
    public record Region(String chrom, int start, int end, String name, char strand) {
    }

    /** True when the file (plain or gzip) starts with computeMatrix's {@code @{} header. */
    public static boolean detect(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream raw = Files.newInputStream(file)) {
            byte[] head = raw.readNBytes(2);
            if (head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    head = in.readNBytes(2);
                }
            }
            return head.length == 2 && head[0] == '@' && head[1] == '{';
        } catch (IOException e) {
            return false; // unreadable or broken gzip: the CSV reader reports it
        }
    }

    /**
     * Writes the matrix with reference point TSS, {@code upstream} = {@code downstream} = half the
     * window, as {@code computeMatrix reference-point --referencePoint TSS --binSize B
     * --averageTypeBins mean --missingDataAsZero --sortRegions keep} would.
     */
    public static void write(GeneMatrix matrix, List<Region> regions, String groupLabel, int upstream, int downstream,
                             int binSize, Path target) throws IOException {
        int samples = matrix.markCount();
        int bins = matrix.bins();
        StringBuilder h = new StringBuilder("@{");
        h.append("\"upstream\":").append(repeat(String.valueOf(upstream), samples));
        h.append(",\"downstream\":").append(repeat(String.valueOf(downstream), samples));
        h.append(",\"body\":").append(repeat("0", samples));
        h.append(",\"bin size\":").append(repeat(String.valueOf(binSize), samples));
        h.append(",\"ref point\":").append(repeat("\"TSS\"", samples));
        h.append(",\"verbose\":false,\"bin avg type\":\"mean\",\"missing data as zero\":true,\"min threshold\":null,"
                + "\"max threshold\":null,\"scale\":1,\"skip zeros\":false,\"nan after end\":false,\"proc number\":1,"
                + "\"sort regions\":\"keep\",\"sort using\":\"mean\"");
        h.append(",\"unscaled 5 prime\":").append(repeat("0", samples));
        h.append(",\"unscaled 3 prime\":").append(repeat("0", samples));
        h.append(",\"group_labels\":[").append(jsonString(groupLabel)).append(']');
        h.append(",\"group_boundaries\":[0,").append(matrix.geneCount()).append(']');
        h.append(",\"sample_labels\":[");
        for (int m = 0; m < samples; m++) {
            h.append(m == 0 ? "" : ",").append(jsonString(matrix.marks().get(m)));
        }
        h.append("],\"sample_boundaries\":[0");
        for (int m = 1; m <= samples; m++) {
            h.append(',').append(m * bins);
        }
        h.append("]}\n");
        try (AtomicFile out = AtomicFile.create(target)) {
            // computeMatrix files are gzip whatever their name; plotHeatmap expects that
            GZIPOutputStream gz = new GZIPOutputStream(out.plainOutputStream(), 1 << 16);
            Writer w = new java.io.BufferedWriter(new OutputStreamWriter(gz, StandardCharsets.UTF_8), 1 << 16);
            w.write(h.toString());
            StringBuilder row = new StringBuilder(1024);
            for (int g = 0; g < matrix.geneCount(); g++) {
                Region r = regions.get(g);
                row.setLength(0);
                row.append(r.chrom()).append('\t').append(r.start()).append('\t').append(r.end()).append('\t')
                        .append(r.name()).append("\t0.0\t").append(r.strand());
                for (float v : matrix.values(g)) { // mark-major = one block of bins per sample
                    row.append('\t');
                    appendFixed6(row, v);
                }
                row.append('\n');
                w.append(row);
            }
            w.flush();
            gz.finish();
            out.commit();
        }
    }

    /** numpy's {@code '%f'}: six decimals, rounded half-even on the exact binary value. */
    static void appendFixed6(StringBuilder sb, float value) {
        if (value == (long) value && Math.abs(value) < 1e15) {
            if (value == 0 && 1 / value < 0) {
                sb.append('-'); // -0.0 prints as -0.000000 in C
            }
            sb.append((long) value).append(".000000");
        } else {
            sb.append(new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).toPlainString());
        }
    }

    private static String repeat(String item, int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(item);
        }
        return sb.append(']').toString();
    }

    static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** Reads a computeMatrix file: samples = marks (sample_labels), rows = genes (region names). */
    public static GeneMatrix read(Path file) {
        try (BufferedReader reader = Inputs.openText(file, "matrix")) {
            String header = reader.readLine();
            Map<String, Object> params = Json.object(file, header.substring(1));
            List<String> labels = strings(file, params, "sample_labels");
            List<Long> bounds = numbers(file, params, "sample_boundaries");
            if (labels.isEmpty() || bounds.size() != labels.size() + 1 || bounds.get(0) != 0) {
                throw BadInputException.at(file, 1, "sample_boundaries " + bounds + " do not fit sample_labels " + labels);
            }
            long bins = bounds.get(1);
            for (int s = 1; s < bounds.size(); s++) {
                if (bounds.get(s) - bounds.get(s - 1) != bins) {
                    throw BadInputException.at(file, 1, "samples have different bin counts (sample_boundaries "
                            + bounds + "); DeepChrome needs the same bins for every mark");
                }
            }
            if (bins < 1 || bins > 100_000) {
                throw BadInputException.at(file, 1, "bins per sample " + bins + " out of range");
            }
            if (new HashSet<>(labels).size() != labels.size()) {
                throw BadInputException.at(file, 1, "sample_labels name a sample twice: " + labels
                        + " (each becomes a mark column)");
            }
            int columns = 6 + labels.size() * (int) bins;
            List<String> ids = new ArrayList<>();
            List<float[]> values = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            boolean negative = false;
            String text;
            long line = 1;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isEmpty() || text.startsWith("#")) {
                    continue; // '#group' lines of old computeMatrix versions
                }
                String[] f = text.split("\t", -1);
                if (f.length != columns) {
                    throw BadInputException.at(file, line, "expected " + columns + " tab-separated columns (6 region "
                            + "columns + " + labels.size() + " samples x " + bins + " bins), found " + f.length);
                }
                String id = f[3];
                if (id.isEmpty() || !seen.add(id)) {
                    throw BadInputException.at(file, line, "region name '" + id + "' is empty or appears twice; it is the gene id");
                }
                float[] v = new float[columns - 6];
                for (int i = 0; i < v.length; i++) {
                    String s = f[6 + i];
                    float x;
                    try {
                        // numpy prints nan and inf; Java spells them NaN and Infinity
                        x = s.equalsIgnoreCase("nan") ? Float.NaN : s.matches("-?inf") ? Float.POSITIVE_INFINITY
                                : Float.parseFloat(s);
                    } catch (NumberFormatException e) {
                        throw BadInputException.at(file, line, "value '" + s + "' is not a number");
                    }
                    if (!Float.isFinite(x)) {
                        throw BadInputException.at(file, line, "value " + s + " in sample " + labels.get(i / (int) bins)
                                + " (computeMatrix without --missingDataAsZero? run it with that option)");
                    }
                    negative |= x < 0;
                    v[i] = x;
                }
                ids.add(id);
                values.add(v);
            }
            if (ids.isEmpty()) {
                throw new BadInputException(file + ": computeMatrix file holds no regions");
            }
            GeneMatrix m = new GeneMatrix(labels, (int) bins, ids, values, null);
            return negative ? m.asSigned() : m;
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read matrix: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(Path file, Map<String, Object> params, String key) {
        List<String> out = new ArrayList<>();
        if (!(params.get(key) instanceof List<?> list)) {
            throw BadInputException.at(file, 1, "header has no list '" + key + "'");
        }
        for (Object o : list) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    private static List<Long> numbers(Path file, Map<String, Object> params, String key) {
        List<Long> out = new ArrayList<>();
        if (!(params.get(key) instanceof List<?> list)) {
            throw BadInputException.at(file, 1, "header has no list '" + key + "'");
        }
        for (Object o : list) {
            if (!(o instanceof Double d) || d != Math.rint(d)) {
                throw BadInputException.at(file, 1, key + " holds '" + o + "', not an integer");
            }
            out.add(d.longValue());
        }
        return out;
    }

    /** Just enough JSON for computeMatrix's header: objects, arrays, strings, numbers, true/false/null. */
    static final class Json {
        private final Path file;
        private final String s;
        private int i;

        private Json(Path file, String s) {
            this.file = file;
            this.s = s;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> object(Path file, String text) {
            Json p = new Json(file, text);
            Object o = p.value(0);
            p.space();
            if (!(o instanceof Map) || p.i != text.length()) {
                throw p.bad("the header after '@' is not one JSON object");
            }
            return (Map<String, Object>) o;
        }

        private Object value(int depth) {
            if (depth > 32) {
                throw bad("JSON nested too deeply");
            }
            space();
            if (i >= s.length()) {
                throw bad("JSON ends early");
            }
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                Map<String, Object> map = new LinkedHashMap<>();
                space();
                if (peek('}')) {
                    return map;
                }
                do {
                    space();
                    if (i >= s.length() || s.charAt(i) != '"') {
                        throw bad("JSON object key expected at character " + (i + 2));
                    }
                    String key = string();
                    space();
                    expect(':');
                    map.put(key, value(depth + 1));
                    space();
                } while (peek(','));
                expect('}');
                return map;
            }
            if (c == '[') {
                i++;
                List<Object> list = new ArrayList<>();
                space();
                if (peek(']')) {
                    return list;
                }
                do {
                    list.add(value(depth + 1));
                    space();
                } while (peek(','));
                expect(']');
                return list;
            }
            if (c == '"') {
                return string();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (s.startsWith(word, i)) {
                    i += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            try {
                return Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw bad("JSON value expected at character " + (start + 2));
            }
        }

        private String string() {
            StringBuilder sb = new StringBuilder();
            i++; // opening quote
            while (i < s.length() && s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\' && i < s.length()) {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'u' -> {
                            if (i + 4 > s.length()) {
                                throw bad("JSON string escape cut short");
                            }
                            try {
                                sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            } catch (NumberFormatException ex) {
                                throw bad("JSON string escape \\u" + s.substring(i, i + 4));
                            }
                            i += 4;
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            expect('"');
            return sb.toString();
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw bad("JSON '" + c + "' expected at character " + (i + 2));
            }
        }

        private BadInputException bad(String what) {
            return BadInputException.at(file, 1, what);
        }
    }
}
