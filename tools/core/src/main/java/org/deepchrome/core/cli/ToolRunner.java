package org.deepchrome.core.cli;

import org.deepchrome.core.BadInputException;
import picocli.CommandLine;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Runs a picocli command the way every tool of the suite behaves: usage errors and bad
 * input print one line and exit 2, unexpected failures print one line and exit 1.
 */
public final class ToolRunner {
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_INTERNAL = 1;

    private ToolRunner() {
    }

    /** Parses {@code args}, runs {@code command} and returns the exit code (does not call System.exit). */
    public static int execute(Object command, String[] args) {
        CommandLine cli = new CommandLine(command);
        registerChoiceConverters(cli);
        String tool = cli.getCommandName();
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println(tool + ": " + ex.getMessage()
                    + " (see " + tool + " --help)");
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable problem = unwrap(ex);
            if (problem instanceof BadInputException) {
                commandLine.getErr().println(tool + ": " + problem.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (problem instanceof NoSuchFileException) {
                commandLine.getErr().println(tool + ": " + problem.getMessage() + ": no such file");
                return EXIT_BAD_INPUT;
            }
            if (problem instanceof AccessDeniedException) {
                commandLine.getErr().println(tool + ": " + problem.getMessage() + ": permission denied");
                return EXIT_BAD_INPUT;
            }
            boolean debug = debugRequested(commandLine) || System.getenv("DEEPCHROME_DEBUG") != null;
            commandLine.getErr().println(tool + ": internal error: " + problem
                    + (debug ? "" : " (run again with --debug to see where)"));
            if (debug) {
                problem.printStackTrace(commandLine.getErr());
            }
            return EXIT_INTERNAL;
        });
        return cli.execute(args);
    }

    /** True when the run was given --debug (every tool has it through {@link CommonOptions}). */
    private static boolean debugRequested(CommandLine commandLine) {
        CommandLine.ParseResult parsed = commandLine.getParseResult();
        return parsed != null && parsed.hasMatchedOption("--debug");
    }

    /** Enum-typed options (and lists of them) accept the spellings of {@link Choices}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void registerChoiceConverters(CommandLine cli) {
        for (CommandLine.Model.OptionSpec option : cli.getCommandSpec().options()) {
            for (Class<?> type : option.auxiliaryTypes()) {
                if (type.isEnum()) {
                    Class enumType = type;
                    cli.registerConverter(enumType, text -> Choices.parse(enumType, text));
                }
            }
        }
    }

    /** Entry point helper for main(): runs and exits with the tool's code. */
    public static void main(Object command, String[] args) {
        System.exit(execute(command, args));
    }

    /** Library code often wraps the real problem; report the innermost one the user can act on. */
    private static Throwable unwrap(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && t != t.getCause()
                && (t instanceof UncheckedIOException || t instanceof java.util.concurrent.ExecutionException
                    || t instanceof java.util.concurrent.CompletionException
                    || t.getCause() instanceof BadInputException)) {
            t = t.getCause();
        }
        return t;
    }
}
