package org.deepchrome.core.cli;

import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How enum constants are spelled on the command line, in Galaxy and in the pipeline schema:
 * lowercase with '-' for '_' ({@code FIVE_PRIME} is {@code five-prime}). Every enum used as an
 * option type returns {@link #id} from {@code toString()}, so picocli's
 * {@code ${COMPLETION-CANDIDATES}} lists these spellings; {@link ToolRunner} registers
 * {@link #parse} as the converter of every enum-typed option.
 */
public final class Choices {
    private Choices() {
    }

    /** The spelling users type: {@code FIVE_PRIME} → {@code five-prime}. */
    public static String id(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The ids of every constant of {@code type}, in declaration order. */
    public static List<String> ids(Class<? extends Enum<?>> type) {
        List<String> ids = new ArrayList<>();
        for (Enum<?> constant : type.getEnumConstants()) {
            ids.add(id(constant));
        }
        return ids;
    }

    /**
     * The constant spelled {@code text}: case does not matter, and '_' stands for '-' (what
     * users typed before the options became enums keeps working).
     *
     * @throws CommandLine.TypeConversionException naming the accepted values, which picocli turns
     *         into its usage error (exit 2)
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (E constant : type.getEnumConstants()) {
            if (id(constant).equals(wanted)) {
                return constant;
            }
        }
        throw new CommandLine.TypeConversionException("expected one of " + String.join(", ", ids(type))
                + " but was '" + text + "'");
    }
}
