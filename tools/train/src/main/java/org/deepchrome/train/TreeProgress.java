package org.deepchrome.train;

import org.deepchrome.core.cli.Progress;
import org.deepchrome.core.cli.Reporter;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Progress of a Tribuo random forest. Tribuo offers no callback, but its bagging trainer logs
 * one INFO record per tree it starts; this handler turns those records into progress steps
 * instead of letting them reach the console.
 */
final class TreeProgress extends Handler implements AutoCloseable {
    private static final Logger BAGGING = Logger.getLogger("org.tribuo.ensemble.BaggingTrainer");
    private final Progress progress;
    // Counted as trees start, so the bar runs slightly ahead of finished trees.
    private final int trees;
    private int started;

    TreeProgress(int trees, Reporter reporter) {
        this.trees = trees;
        this.progress = new Progress("random forest", trees, reporter);
        BAGGING.setUseParentHandlers(false);
        BAGGING.setLevel(Level.INFO);
        BAGGING.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getLevel() != Level.INFO) {
            return;
        }
        // One "Building model i" record per tree as it starts (sub-forests log concurrently).
        started++;
        progress.advance(1);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        BAGGING.removeHandler(this);
        BAGGING.setLevel(Level.WARNING);
        progress.advance(Math.max(0, trees - started));
        progress.close();
    }
}
