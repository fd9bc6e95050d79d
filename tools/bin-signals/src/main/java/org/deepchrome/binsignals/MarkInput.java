package org.deepchrome.binsignals;

import picocli.CommandLine;

import java.nio.file.Path;

/** One {@code --mark NAME=FILE}: the matrix column name and the reads that fill it. */
public record MarkInput(String name, Path file) {
    /** Parses NAME=FILE for picocli; a wrong form is a usage error (exit 2). */
    public static final class Converter implements CommandLine.ITypeConverter<MarkInput> {
        @Override
        public MarkInput convert(String value) {
            int eq = value.indexOf('=');
            if (eq <= 0 || eq == value.length() - 1) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not NAME=FILE (e.g. H3K4me3=H3K4me3.bam)");
            }
            String name = value.substring(0, eq).trim();
            if (!name.matches("[A-Za-z0-9_.:+-]+")) {
                throw new CommandLine.TypeConversionException("mark name '" + name
                        + "' may hold only letters, digits and _ . : + - (it becomes a CSV column name)");
            }
            return new MarkInput(name, Path.of(value.substring(eq + 1)));
        }
    }
}
