package org.deepchrome.core.cli;

import org.deepchrome.core.BadInputException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToolRunnerTest {
    @Command(name = "deepchrome-demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
    static class Demo implements Callable<Integer> {
        @Option(names = "--fail")
        String fail = "none";

        @picocli.CommandLine.Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            switch (fail) {
                case "bad": throw new BadInputException("in.csv:3: value x is not a number");
                case "wrapped": throw new java.io.UncheckedIOException(new java.io.IOException("disk",
                        new BadInputException("x.bam: truncated file")));
                case "bug": throw new IllegalStateException("boom");
                default: return 0;
            }
        }
    }

    private static String[] run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            int code = ToolRunner.execute(new Demo(), args);
            return new String[] {Integer.toString(code), err.toString()};
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        String[] r = run("--fail", "bad");
        assertEquals("2", r[0]);
        assertEquals("deepchrome-demo: in.csv:3: value x is not a number" + System.lineSeparator(), r[1]);
    }

    @Test
    void wrappedBadInputIsUnwrapped() {
        String[] r = run("--fail", "wrapped");
        assertEquals("2", r[0]);
        assertEquals("deepchrome-demo: x.bam: truncated file" + System.lineSeparator(), r[1]);
    }

    @Test
    void unknownOptionIsUsageErrorExitTwo() {
        String[] r = run("--no-such-option");
        assertEquals("2", r[0]);
        assertTrue(r[1].startsWith("deepchrome-demo: Unknown option: '--no-such-option'"), r[1]);
        assertEquals(1, r[1].lines().count());
    }

    @Test
    void internalErrorIsExitOne() {
        String[] r = run("--fail", "bug");
        assertEquals("1", r[0]);
        assertEquals("deepchrome-demo: internal error: java.lang.IllegalStateException: boom (run again with --debug to"
                + " see where)" + System.lineSeparator(), r[1]);
    }

    @Test
    void debugShowsTheStackOfAnInternalError() {
        String[] r = run("--fail", "bug", "--debug");
        assertEquals("1", r[0]);
        List<String> lines = r[1].lines().toList();
        assertEquals("deepchrome-demo: internal error: java.lang.IllegalStateException: boom", lines.get(0));
        assertEquals("java.lang.IllegalStateException: boom", lines.get(1));
        assertTrue(lines.get(2).contains("at org.deepchrome.core.cli.ToolRunnerTest$Demo.call"), lines.get(2));
    }

    @Test
    void debugChangesNothingForBadInput() {
        String[] r = run("--fail", "bad", "--debug");
        assertEquals("2", r[0]);
        assertEquals("deepchrome-demo: in.csv:3: value x is not a number" + System.lineSeparator(), r[1]);
    }
}
