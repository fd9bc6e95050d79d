package org.deepchrome.visualize;

import org.deepchrome.core.cli.ToolRunner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of the command as a user would see it: exit code, stdout and stderr. */
record ToolRun(int exitCode, String out, String err) {
    static synchronized ToolRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = ToolRunner.execute(new Visualize(), args);
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
    String errors() {
        StringBuilder sb = new StringBuilder();
        for (String line : err.split("\n")) {
            if (!line.isBlank()) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
