package org.deepchrome.train;

import org.deepchrome.core.testing.BadInputCatalog;
import org.deepchrome.core.testing.BadInputCatalog.Case;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** The deepchrome-train rows of docs/bad-inputs.md, each made by editing the generated test matrices. */
class BadInputCatalogTest {
    private static final Path MATRICES = TestData.root().resolve("test-data/matrix");

    @TestFactory
    Stream<DynamicTest> catalogue() {
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("tr-gene-with-99-bins", d -> {
            List<String> rows = train();
            rows.remove(199); // the second gene loses its last bin
            return args(d, write(d, rows));
        });
        cases.put("tr-bins-out-of-order", d -> {
            List<String> rows = train();
            String third = rows.get(2);
            rows.set(2, rows.get(3));
            rows.set(3, third);
            return args(d, write(d, rows));
        });
        cases.put("tr-label-2", d -> args(d, write(d, edit(train(), 4, l -> l.substring(0, l.lastIndexOf(',')) + ",2"))));
        cases.put("tr-one-class-only", d -> args(d, write(d, map(train(), l -> l.substring(0, l.lastIndexOf(',')) + ",1"))));
        cases.put("tr-value-not-a-number", d -> args(d, write(d, edit(train(), 4, l -> column(l, 3, "abc")))));
        cases.put("tr-negative-value", d -> args(d, write(d, edit(train(), 9, l -> column(l, 2, "-1.5")))));
        cases.put("tr-gene-id-not-utf8", d -> {
            Path file = d.resolve("in/train.csv");
            Files.writeString(file, String.join("\n", train()) + "\n");
            byte[] bytes = Files.readAllBytes(file);
            bytes[0] = (byte) 0xc3; // a UTF-8 lead byte followed by an ASCII letter: not UTF-8
            Files.write(file, bytes);
            return args(d, file);
        });
        cases.put("tr-matrix-is-directory", d -> args(d, Files.createDirectories(d.resolve("in/train.csv"))));
        cases.put("tr-empty-matrix", d -> args(d, Files.writeString(d.resolve("in/train.csv"), "\n")));
        cases.put("tr-unknown-model-type", d -> {
            String[] a = args(d, MATRICES.resolve("train.csv"));
            String[] all = java.util.Arrays.copyOf(a, a.length + 2);
            all[a.length] = "--model-type";
            all[a.length + 1] = "xgboost";
            return all;
        });
        regressionCases(cases);
        return BadInputCatalog.tests("deepchrome-train", Train::new, cases);
    }

    /** Rows of --task regression: targets from an expression table (a copy of test-data's, edited) or the matrix. */
    private static void regressionCases(Map<String, Case> cases) {
        cases.put("tr-regression-without-targets", d -> regression(d, write(d, train()), null));
        cases.put("tr-expression-duplicate-gene", d -> {
            List<String> table = expression();
            table.add(2, table.get(1)); // GENE0001 again on line 3
            return regression(d, MATRICES.resolve("train.csv"), table);
        });
        cases.put("tr-expression-not-a-number", d -> regression(d, MATRICES.resolve("train.csv"),
                edit(expression(), 2, l -> l.split("\t")[0] + "\tlots")));
        cases.put("tr-expression-no-usable-value", d -> withOptions(regression(d, MATRICES.resolve("train.csv"),
                map(expression(), l -> l.startsWith("gene_id") ? l : l.split("\t")[0] + "\tNA")),
                "--expression-column", "expression"));
        cases.put("tr-expression-ids-differ", d -> regression(d, write(d, train()),
                map(expression(), l -> l.startsWith("gene_id") ? l : "X" + l)));
        cases.put("tr-genes-without-expression", d -> {
            List<String> table = expression();
            table.subList(1, 11).clear(); // GENE0001..GENE0010, all training genes (chr1)
            return regression(d, write(d, train()), table);
        });
        cases.put("tr-negative-expression-log1p", d -> regression(d, MATRICES.resolve("train.csv"),
                edit(expression(), 1, l -> l.split("\t")[0] + "\t-2")));
        cases.put("tr-expression-changes-within-gene", d -> {
            List<String> rows = map(train(), l -> l.substring(0, l.lastIndexOf(',')) + ",1" + l.substring(l.lastIndexOf(',')));
            rows.set(2, column(rows.get(2), 7, "2"));
            rows.add(0, "gene_id,bin,H3K27me3,H3K36me3,H3K4me1,H3K4me3,H3K9me3,expression,label");
            return regression(d, write(d, rows), null);
        });
        cases.put("tr-model-type-wrong-task", d -> regression(d, MATRICES.resolve("train.csv"), expression(), "svm"));
        cases.put("tr-expression-on-labelled-matrix", d -> withOptions(args(d, write(d, train())),
                "--expression", Files.write(d.resolve("in/e.tsv"), expression()).toString()));
    }

    private static List<String> expression() throws IOException {
        return new ArrayList<>(Files.readAllLines(TestData.root().resolve("test-data/expression.tsv")));
    }

    /** Ridge regression arguments; {@code table} (when given) is written to in/e.tsv and passed as --expression. */
    private static String[] regression(Path dir, Path train, List<String> table) throws IOException {
        return regression(dir, train, table, "ridge");
    }

    private static String[] regression(Path dir, Path train, List<String> table, String kind) throws IOException {
        String[] a = {"--train", train.toString(), "--valid", MATRICES.resolve("valid.csv").toString(),
            "--output", dir.resolve("out/model.zip").toString(), "--task", "regression", "--model-type", kind,
            "--quiet", "--threads", "1"};
        return table == null ? a : withOptions(a, "--expression", Files.write(dir.resolve("in/e.tsv"), table).toString());
    }

    private static String[] withOptions(String[] a, String... more) {
        String[] all = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, all, a.length, more.length);
        return all;
    }

    private static List<String> train() throws IOException {
        return new ArrayList<>(Files.readAllLines(MATRICES.resolve("train.csv")));
    }

    private static Path write(Path dir, List<String> rows) throws IOException {
        return Files.write(dir.resolve("in/train.csv"), rows);
    }

    private static String[] args(Path dir, Path train) {
        return new String[] {"--train", train.toString(), "--valid", MATRICES.resolve("valid.csv").toString(),
            "--output", dir.resolve("out/model.zip").toString(), "--model-type", "logistic", "--quiet", "--threads", "1"};
    }

    private static List<String> edit(List<String> rows, int index, UnaryOperator<String> f) {
        rows.set(index, f.apply(rows.get(index)));
        return rows;
    }

    private static List<String> map(List<String> rows, UnaryOperator<String> f) {
        return new ArrayList<>(rows.stream().map(f).toList());
    }

    private static String column(String line, int column, String value) {
        String[] f = line.split(",");
        f[column] = value;
        return String.join(",", f);
    }
}
