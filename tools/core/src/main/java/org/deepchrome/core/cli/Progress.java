package org.deepchrome.core.cli;

import java.io.PrintStream;

/**
 * Progress for long work: a redrawn bar when stderr is a terminal, plain lines
 * (at most one per ten percent, through the tool's {@link Reporter}) when it goes to a log,
 * nothing with --quiet.
 */
public final class Progress implements AutoCloseable {
    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final boolean quiet;
    private final Reporter log; // null: a bar only, no lines in a log
    private long done;
    private int lastDecile = -1;
    private int lastPercent = -1;

    /** Bar on a terminal, else status lines of {@code reporter}; nothing when it is quiet. */
    public Progress(String label, long total, Reporter reporter) {
        this(label, total, reporter.quiet(), System.err, System.console() != null, reporter);
    }

    /** A bar on a terminal only, for work that reports its own summary line (e.g. one per epoch). */
    public Progress(String label, long total, boolean quiet) {
        this(label, total, quiet, System.err, System.console() != null, null);
    }

    Progress(String label, long total, boolean quiet, PrintStream out, boolean terminal, Reporter log) {
        this.label = label;
        this.total = Math.max(total, 1);
        this.out = out;
        this.terminal = terminal;
        this.quiet = quiet;
        this.log = log;
    }

    /** Adds {@code n} units of finished work. Thread-safe. */
    public synchronized void advance(long n) {
        done = Math.min(total, done + n);
        if (quiet) {
            return;
        }
        int percent = (int) (100 * done / total);
        if (terminal) {
            if (percent != lastPercent) {
                int width = 30;
                int filled = percent * width / 100;
                out.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] "
                        + percent + "%");
                out.flush();
                lastPercent = percent;
            }
        } else if (log != null && percent / 10 != lastDecile) {
            lastDecile = percent / 10;
            log.status(label + ": " + percent + "% (" + done + "/" + total + ")");
        }
    }

    @Override
    public synchronized void close() {
        if (!quiet && terminal && lastPercent >= 0) {
            out.println();
        }
    }
}
