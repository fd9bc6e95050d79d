package org.deepchrome.core.cli;

import org.deepchrome.core.BadInputException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every tool shares, and the tool's {@link Reporter}; mixed into each command with {@code @Mixin}. */
public class CommonOptions {
    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: all cores, ${DEFAULT-VALUE} here).")
    public int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--quiet", description = "No progress output; only warnings and errors.")
    public boolean quiet;

    @Option(names = "--debug", description = "On an internal error (exit 1), also print the Java stack trace.")
    public boolean debug;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    private Reporter reporter;

    public int threads() {
        if (threads < 1) {
            throw new BadInputException("--threads must be at least 1, got " + threads);
        }
        return threads;
    }

    /** Warnings and status lines of this tool run, on the command's stderr. */
    public synchronized Reporter reporter() {
        if (reporter == null) {
            reporter = new Reporter(command.name(), command.commandLine().getErr(), () -> quiet);
        }
        return reporter;
    }
}
