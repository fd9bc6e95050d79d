package org.deepchrome.core.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The bad-input catalogue, docs/bad-inputs.md, as tests: each row of the table (id, tool, input,
 * message, exit code) is run by the tool module's test, which supplies how to build that input.
 * A row without a case, or a case without a row, fails, so the document and the tests cannot
 * drift apart. In a message, {@code {dir}} stands for the row's scratch directory.
 */
public final class BadInputCatalog {
    /** One row of the table. */
    public record Row(String id, String tool, String input, String message, int exit) {
    }

    /** Builds a row's input files under {@code dir/in} and returns the tool's arguments (outputs under {@code dir/out}). */
    @FunctionalInterface
    public interface Case {
        String[] arguments(Path dir) throws Exception;
    }

    private static final Path DOCUMENT = locate();
    /** The message cell of a row whose run prints nothing on stderr. */
    private static final String NOTHING = "(nothing)";
    private static final Map<Path, Runnable> CLEANUPS = new java.util.concurrent.ConcurrentHashMap<>();

    private BadInputCatalog() {
    }

    /** The rows of {@code tool} (e.g. {@code deepchrome-train}), in document order. */
    public static List<Row> rows(String tool) {
        List<Row> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(DOCUMENT)) {
                if (!line.startsWith("| ") || line.startsWith("| id ") || line.startsWith("|--")) {
                    continue;
                }
                String[] cells = line.substring(1, line.length() - 1).split(" \\| ", -1);
                if (cells.length != 5) {
                    throw new AssertionError(DOCUMENT + ": row needs 5 cells: " + line);
                }
                Row row = new Row(unquote(cells[0]), unquote(cells[1]), cells[2].trim(), unquote(cells[3]),
                        Integer.parseInt(cells[4].trim()));
                if (row.tool().equals(tool)) {
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /**
     * One test per row of {@code tool}: the tool made by {@code command} runs on the case's input
     * and must exit with the row's code and print exactly the row's line on stderr; on exit 2 the
     * out and in directories must hold what they held before the run (nothing written, no temporaries).
     */
    public static Stream<DynamicTest> tests(String tool, Supplier<Object> command, Map<String, Case> cases) {
        List<Row> rows = rows(tool);
        Map<String, Row> byId = new LinkedHashMap<>();
        rows.forEach(r -> byId.put(r.id(), r));
        List<String> undocumented = cases.keySet().stream().filter(id -> !byId.containsKey(id)).toList();
        List<String> untested = byId.keySet().stream().filter(id -> !cases.containsKey(id)).toList();
        DynamicTest agreement = DynamicTest.dynamicTest("catalogue rows and test cases agree", () -> {
            assertEquals(List.of(), untested, "rows of " + DOCUMENT + " without a test case");
            assertEquals(List.of(), undocumented, "test cases without a row in " + DOCUMENT);
        });
        return Stream.concat(Stream.of(agreement), rows.stream().filter(r -> cases.containsKey(r.id()))
                .map(r -> DynamicTest.dynamicTest(r.id() + ": " + r.input(), () -> check(r, command, cases.get(r.id())))));
    }

    private static void check(Row row, Supplier<Object> command, Case c) throws Exception {
        Path dir = Files.createTempDirectory("bad-input-" + row.id() + "-");
        try {
            Path in = Files.createDirectories(dir.resolve("in"));
            String[] args = c.arguments(dir);
            List<String> inputs = listing(in);
            List<String> outputsBefore = listing(dir.resolve("out"));
            ToolRun run = ToolRun.of(command.get(), args);
            List<String> expected = row.message().equals(NOTHING) ? List.of()
                    : List.of(row.tool() + ": " + row.message().replace("{dir}", dir.toString()));
            assertEquals(row.exit(), run.exitCode(), run.stderr());
            assertEquals(expected, run.stderrLines(), "stderr must be exactly the catalogue's line");
            if (row.exit() != 0) {
                assertEquals(outputsBefore, listing(dir.resolve("out")), "output left behind");
                assertEquals(inputs, listing(in), "files appeared next to the inputs");
            }
        } finally {
            Runnable undo = CLEANUPS.remove(dir);
            if (undo != null) {
                undo.run();
            }
            deleteTree(dir);
        }
    }

    /** Runs {@code undo} after the row's checks, before its directory is deleted (e.g. unmount). */
    public static void afterRun(Path dir, Runnable undo) {
        CLEANUPS.put(dir, undo);
    }

    /** Skips a row whose input cannot be made on this machine (e.g. no permission to mount a tmpfs). */
    public static void assumeMade(boolean made, String why) {
        Assumptions.assumeTrue(made, why);
    }

    private static List<String> listing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }

    private static String unquote(String cell) {
        String s = cell.trim();
        return s.startsWith("`") && s.endsWith("`") ? s.substring(1, s.length() - 1) : s;
    }

    /** docs/bad-inputs.md from a module directory (Maven's working directory) or the root. */
    private static Path locate() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path doc = p.resolve("docs/bad-inputs.md");
            if (Files.isRegularFile(doc)) {
                return doc;
            }
        }
        throw new IllegalStateException("docs/bad-inputs.md not found above " + Path.of("").toAbsolutePath());
    }
}
