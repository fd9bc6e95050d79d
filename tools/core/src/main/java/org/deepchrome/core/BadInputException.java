package org.deepchrome.core;

/**
 * Input the user can fix: a malformed file, a wrong option value, an unwritable output.
 * The message is the whole explanation on one line (file, line or record, what is wrong);
 * {@link org.deepchrome.core.cli.ToolRunner} prints it and exits with code 2.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(oneLine(message));
    }

    public BadInputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /**
     * Messages quote the input (an id, a value, a header), and a quoted CSV field may hold line
     * breaks: they are shown escaped so the message stays one line (the fuzz targets check it).
     */
    private static String oneLine(String message) {
        return message == null ? null : message.replace("\r", "\\r").replace("\n", "\\n");
    }

    /** A problem at a given line of a file, e.g. {@code genes.bed:12: strand must be + or -}. */
    public static BadInputException at(Object file, long line, String what) {
        return new BadInputException(file + ":" + line + ": " + what);
    }
}
