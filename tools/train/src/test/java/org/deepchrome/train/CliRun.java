package org.deepchrome.train;

import org.deepchrome.core.cli.ToolRunner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a tool in-process and captures its exit code and stderr. */
record CliRun(int exitCode, String stderr) {
    static synchronized CliRun of(Object command, String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = ToolRunner.execute(command, args);
            return new CliRun(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    /** The last non-empty stderr line (the error line, after any progress output). */
    String lastLine() {
        String[] lines = stderr.strip().split("\n");
        return lines[lines.length - 1];
    }
}
