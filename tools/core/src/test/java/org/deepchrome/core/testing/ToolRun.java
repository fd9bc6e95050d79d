package org.deepchrome.core.testing;

import org.deepchrome.core.cli.ToolRunner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One in-process run of a tool as a user would see it: exit code, stdout and stderr. Shared by
 * the tools' tests through deepchrome-core's test-jar. Runs are serialised because they swap
 * System.out and System.err.
 */
public record ToolRun(int exitCode, String stdout, String stderr) {

    /** Runs {@code command} (a picocli command object) through {@link ToolRunner} with {@code args}. */
    public static synchronized ToolRun of(Object command, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = ToolRunner.execute(command, args);
            return new ToolRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /**
     * Stderr without blank lines. SLF4J notices are not filtered out: the tools ship a logging
     * binding, so a notice there would break the one-line error rule and must fail the tests.
     */
    public String errors() {
        StringBuilder sb = new StringBuilder();
        for (String line : stderr.split("\n")) {
            if (!line.isBlank()) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** Stderr split into lines; none when it is empty. */
    public List<String> stderrLines() {
        return stderr.isEmpty() ? List.of() : List.of(stderr.split("\n"));
    }

    /** The last non-empty stderr line (the error line, after any progress output). */
    public String lastErrorLine() {
        String[] lines = stderr.strip().split("\n");
        return lines[lines.length - 1];
    }
}
