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
        // No tool has Groovy closures in its annotations; without this, picocli looks for the
        // Groovy runtime on every start, a class-path search that fails after ~20 ms.
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        CommandLine cli = new CommandLine(command);
        registerChoiceConverters(cli);
        String tool = cli.getCommandName();
        cli.setParameterExceptionHandler(new UsageErrors(tool));
        cli.setExecutionExceptionHandler(new RunErrors(tool));
        return cli.execute(args);
    }

    /*
     * The handlers and converters below are classes, not lambdas, on purpose: a lambda of a
     * picocli interface makes the class-data sharing dump link that interface, and picocli's
     * interfaces (class files of Java 5) are then left out of the archive together with every
     * class implementing them, some 40 classes loaded from the jar on every start.
     */

    /** A usage error: one line naming the tool's --help, exit 2. */
    private static final class UsageErrors implements CommandLine.IParameterExceptionHandler {
        private final String tool;

        UsageErrors(String tool) {
            this.tool = tool;
        }

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            ex.getCommandLine().getErr().println(tool + ": " + ex.getMessage() + " (see " + tool + " --help)");
            return EXIT_BAD_INPUT;
        }
    }

    /** A failure while running: bad input is one line and exit 2, anything else an internal error, exit 1. */
    private static final class RunErrors implements CommandLine.IExecutionExceptionHandler {
        private final String tool;

        RunErrors(String tool) {
            this.tool = tool;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
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
        }
    }

    /** An enum option's value, in any of the spellings {@link Choices} accepts. */
    private static final class ChoiceConverter<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {
        private final Class<E> type;

        ChoiceConverter(Class<E> type) {
            this.type = type;
        }

        @Override
        public E convert(String text) {
            return Choices.parse(type, text);
        }
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
                    cli.registerConverter(enumType, new ChoiceConverter(enumType));
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
