package org.deepchrome.core.cli;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The one way tools talk to the user besides errors: one line on stderr, prefixed with the
 * tool's name. Warnings always appear; status lines (progress, summaries) not with --quiet.
 */
public final class Reporter {
    private final String tool;
    private final PrintWriter err;
    private final BooleanSupplier quiet;
    private final Set<String> deprecationsShown = new HashSet<>();

    /** {@code quiet} is asked at each line: options are still being parsed when the first warning comes. */
    public Reporter(String tool, PrintWriter err, BooleanSupplier quiet) {
        this.tool = tool;
        this.err = err;
        this.quiet = quiet;
    }

    /** {@code deepchrome-<tool>: warning: <message>}. */
    public synchronized void warning(String message) {
        err.println(tool + ": warning: " + message);
        err.flush();
    }

    /** {@code deepchrome-<tool>: <message>}, unless --quiet. */
    public synchronized void status(String message) {
        if (!quiet.getAsBoolean()) {
            err.println(tool + ": " + message);
            err.flush();
        }
    }

    /** True with --quiet: progress bars stay hidden too. */
    public boolean quiet() {
        return quiet.getAsBoolean();
    }

    /**
     * The notice for an old option spelling, once per run however often picocli calls its
     * setter (it calls a list option's setter once per value).
     */
    public synchronized void deprecated(String oldOption, String newOption) {
        if (deprecationsShown.add(oldOption)) {
            warning(oldOption + " is deprecated; use " + newOption);
        }
    }
}
