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
        return BadInputCatalog.tests("deepchrome-train", Train::new, cases);
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
