package org.deepchrome.core.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressTest {
    @Test
    void inALogEveryTenPercentIsOneLineOfTheToolsReporter() {
        StringWriter log = new StringWriter();
        Reporter reporter = new Reporter("deepchrome-demo", new PrintWriter(log), () -> false);
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        try (Progress p = new Progress("counting", 20, false, new PrintStream(terminal), false, reporter)) {
            for (int i = 0; i < 20; i++) {
                p.advance(1);
            }
        }
        String[] lines = log.toString().split(System.lineSeparator());
        assertEquals(11, lines.length, log.toString()); // the first step, then each new tenth
        assertEquals("deepchrome-demo: counting: 5% (1/20)", lines[0]);
        assertEquals("deepchrome-demo: counting: 10% (2/20)", lines[1]);
        assertEquals("deepchrome-demo: counting: 100% (20/20)", lines[10]);
        assertEquals("", terminal.toString(StandardCharsets.UTF_8), "no bar outside a terminal");
    }

    @Test
    void barOnlyProgressIsSilentInALogAndDrawsOnATerminal() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Progress p = new Progress("epoch 1/2", 4, false, new PrintStream(out), false, null)) {
            p.advance(4);
        }
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        try (Progress p = new Progress("epoch 1/2", 4, false, new PrintStream(out), true, null)) {
            p.advance(4);
        }
        assertEquals("\repoch 1/2 [" + "#".repeat(30) + "] 100%" + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
    }
}
