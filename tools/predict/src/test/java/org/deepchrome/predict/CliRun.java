package org.deepchrome.predict;

import org.deepchrome.core.cli.ToolRunner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a tool in-process and captures its exit code, stdout and stderr. */
record CliRun(int exitCode, String stdout, String stderr) {
    static synchronized CliRun of(Object command, String... args) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        try {
            int code = ToolRunner.execute(command, args);
            return new CliRun(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
    }

    String lastErrorLine() {
        String[] lines = stderr.strip().split("\n");
        return lines[lines.length - 1];
    }
}
