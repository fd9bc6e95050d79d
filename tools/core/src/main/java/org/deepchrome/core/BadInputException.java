package org.deepchrome.core;

/**
 * Input the user can fix: a malformed file, a wrong option value, an unwritable output.
 * The message is the whole explanation on one line (file, line or record, what is wrong);
 * {@link org.deepchrome.core.cli.ToolRunner} prints it and exits with code 2.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem at a given line of a file, e.g. {@code genes.bed:12: strand must be + or -}. */
    public static BadInputException at(Object file, long line, String what) {
        return new BadInputException(file + ":" + line + ": " + what);
    }
}
