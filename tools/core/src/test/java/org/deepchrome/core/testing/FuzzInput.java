package org.deepchrome.core.testing;

import org.deepchrome.core.BadInputException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * The property every fuzz target checks (the {@code *FuzzTest} classes, run by Jazzer): a
 * parser given any bytes either accepts them or refuses them with the suite's
 * {@link BadInputException} — one line that starts with the file's name — and writes nothing
 * beside its input. Any other exception escapes, and Jazzer reports it as a finding (in
 * regression mode: a failed test). The time bound per input is each target's
 * {@code @Timeout}, which Jazzer also hands to libFuzzer as {@code -timeout}.
 */
public final class FuzzInput {
    /** One private directory per JVM; each input is written here under the name the parser sees. */
    private static final Path DIR = createDirectory();

    private FuzzInput() {
    }

    /** Writes {@code data} to a file called {@code fileName}, runs {@code parser} on it, checks the property. */
    public static void parsesOrRefuses(byte[] data, String fileName, Consumer<Path> parser) {
        Path file = DIR.resolve(fileName);
        try {
            Files.write(file, data);
            try {
                parser.accept(file);
            } catch (BadInputException e) {
                checkMessage(file, e);
            }
            List<Path> left = listDirectory();
            if (!left.equals(List.of(file))) {
                throw new AssertionError("the parser left files beside its input: " + left);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("fuzz harness cannot use " + DIR, e);
        } finally {
            clear();
        }
    }

    /** The same bytes gzip-compressed: lets the fuzzer reach the parser through the gzip path with valid gzip. */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void checkMessage(Path file, BadInputException e) {
        String m = e.getMessage();
        if (m == null || !m.startsWith(file + ":")) {
            throw new AssertionError("bad-input message does not start with the file name: " + m, e);
        }
        if (m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
            throw new AssertionError("bad-input message is more than one line: " + m, e);
        }
    }

    private static List<Path> listDirectory() throws IOException {
        try (var files = Files.list(DIR)) {
            return files.sorted().toList();
        }
    }

    private static void clear() {
        try (var files = Files.list(DIR)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDirectory() {
        try {
            Path dir = Files.createTempDirectory("deepchrome-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
