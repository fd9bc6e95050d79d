package org.deepchrome.core.cli;

import org.deepchrome.core.testing.ToolRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChoicesTest {
    enum Place {
        OVERLAP, FIVE_PRIME, FRAGMENT_CENTER;

        @Override
        public String toString() {
            return Choices.id(this);
        }
    }

    @Command(name = "deepchrome-demo", mixinStandardHelpOptions = true)
    static class Demo implements Callable<Integer> {
        @Option(names = "--place", description = "One of ${COMPLETION-CANDIDATES}.")
        Place place = Place.OVERLAP;

        @Option(names = "--places", split = ",", description = "Some of ${COMPLETION-CANDIDATES}.")
        List<Place> places = new ArrayList<>();

        @Mixin
        CommonOptions common;

        @Option(names = "--old-place", hidden = true)
        void oldPlace(Place value) {
            common.reporter().deprecated("--old-place", "--place");
            place = value;
        }

        @Override
        public Integer call() {
            System.out.print(place + " " + places);
            return 0;
        }
    }

    @Test
    void idsAreLowercaseWithHyphens() {
        assertEquals("five-prime", Choices.id(Place.FIVE_PRIME));
        assertEquals(List.of("overlap", "five-prime", "fragment-center"), Choices.ids(Place.class));
    }

    @Test
    void parseAcceptsWhatUsersType() {
        assertEquals(Place.FIVE_PRIME, Choices.parse(Place.class, "five-prime"));
        assertEquals(Place.FIVE_PRIME, Choices.parse(Place.class, "FIVE_PRIME"));
        assertEquals(Place.FRAGMENT_CENTER, Choices.parse(Place.class, "Fragment-Center"));
        CommandLine.TypeConversionException e = assertThrows(CommandLine.TypeConversionException.class,
                () -> Choices.parse(Place.class, "middle"));
        assertEquals("expected one of overlap, five-prime, fragment-center but was 'middle'", e.getMessage());
    }

    @Test
    void toolRunnerConvertsEnumOptionsAndListsOfThem() {
        ToolRun run = ToolRun.of(new Demo(), "--place", "five-prime", "--places", "fragment-center,OVERLAP");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("five-prime [fragment-center, overlap]", run.stdout());
        assertEquals("", run.stderr());
    }

    @Test
    void invalidValueIsAOneLineUsageError() {
        ToolRun run = ToolRun.of(new Demo(), "--places", "overlap,middle");
        assertEquals(2, run.exitCode());
        assertEquals(List.of("deepchrome-demo: Invalid value for option '--places' (<places>): expected one of overlap, "
                + "five-prime, fragment-center but was 'middle' (see deepchrome-demo --help)"), run.stderrLines());
    }

    @Test
    void helpListsTheCandidates() {
        ToolRun run = ToolRun.of(new Demo(), "--help");
        assertTrue(run.stdout().contains("One of overlap, five-prime, fragment-center."), run.stdout());
        assertTrue(!run.stdout().contains("--old-place"), run.stdout());
    }

    @Test
    void deprecatedSpellingWarnsOnceAndSetsTheValue() {
        ToolRun run = ToolRun.of(new Demo(), "--old-place", "five-prime", "--quiet");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("five-prime []", run.stdout());
        assertEquals(List.of("deepchrome-demo: warning: --old-place is deprecated; use --place"), run.stderrLines());
    }
}
