package org.deepchrome.core.cli;

import picocli.CommandLine.Option;

/** Options every tool shares; mixed into each command with {@code @Mixin}. */
public class CommonOptions {
    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: all cores, ${DEFAULT-VALUE} here).")
    public int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--quiet", description = "No progress output; only warnings and errors.")
    public boolean quiet;

    public int threads() {
        if (threads < 1) {
            throw new org.deepchrome.core.BadInputException("--threads must be at least 1, got " + threads);
        }
        return threads;
    }
}
