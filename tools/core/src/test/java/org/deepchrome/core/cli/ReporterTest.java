package org.deepchrome.core.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReporterTest {
    @Test
    void warningsAlwaysStatusUnlessQuietDeprecationsOnce() {
        StringWriter text = new StringWriter();
        AtomicBoolean quiet = new AtomicBoolean(false);
        Reporter reporter = new Reporter("deepchrome-demo", new PrintWriter(text), quiet::get);
        reporter.status("step 1");
        reporter.deprecated("--old", "--new");
        reporter.deprecated("--old", "--new");
        quiet.set(true);
        reporter.status("step 2");
        reporter.warning("contig chrM has no reads");
        assertEquals(String.join(System.lineSeparator(), "deepchrome-demo: step 1",
                "deepchrome-demo: warning: --old is deprecated; use --new",
                "deepchrome-demo: warning: contig chrM has no reads", ""), text.toString());
    }
}
