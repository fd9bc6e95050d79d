package org.deepchrome.binsignals;

import org.deepchrome.core.cli.Progress;

/** One piece of counting work (a contig of an indexed file, or a whole file), run on a worker thread. */
interface CountTask {
    /** Relative size for the progress bar (bases or bytes). */
    long weight();

    /** Counts, advancing {@code progress} by at most {@link #weight()} in total. */
    void run(Progress progress);
}
