package org.fieldvae.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

import org.fieldvae.Progress;

/**
 * Progress on stderr: one line, rewritten in place on a terminal and at most every 2 s otherwise, with
 * the percentage, the elapsed time and an ETA. Ctrl-C sets the cancelled flag (so long work stops at the
 * next step and leaves a consistent state) instead of killing the process mid-write.
 */
final class ConsoleProgress implements Progress, AutoCloseable {
    private static final long QUIET_INTERVAL_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private long lastPrint;
    private double firstFraction = Double.NaN;
    private long firstNanos;
    private boolean printed;

    ConsoleProgress(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null;
    }

    /**
     * Progress on stderr that Ctrl-C cancels: the first interrupt asks the work to stop at its next step
     * (the JVM then waits for the command to return); a second one ends the process at once.
     */
    static ConsoleProgress onStderr() {
        ConsoleProgress progress = new ConsoleProgress(System.err);
        installInterruptHandler(progress);
        return progress;
    }

    private static void installInterruptHandler(ConsoleProgress progress) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {
                if (progress.isCancelled()) {
                    Runtime.getRuntime().halt(130);
                }
                progress.cancel();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no signal handling on this platform: Ctrl-C ends the process, temp files are removed by the writers
        }
    }

    @Override
    public synchronized void report(double fraction, String message) {
        long now = System.nanoTime();
        if (!terminal && now - lastPrint < QUIET_INTERVAL_NANOS && fraction < 1) {
            return;
        }
        lastPrint = now;
        double elapsed = (now - start) / 1e9;
        if (Double.isNaN(firstFraction)) {
            firstFraction = fraction;
            firstNanos = now;
        }
        // the rate since the first report, not since 0: a resumed run starts part-way, at once
        double done = fraction - firstFraction;
        double since = (now - firstNanos) / 1e9;
        String eta = done > 0.001 && fraction < 1 ? ", ETA " + seconds(since * (1 - fraction) / done) : "";
        String line = String.format("%5.1f%% %s (%s%s)", 100 * fraction, message, seconds(elapsed), eta);
        out.print(terminal ? "\r" + line + "\033[K" : line + System.lineSeparator());
        printed = true;
        out.flush();
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    void cancel() {
        cancelled.set(true);
    }

    @Override
    public synchronized void close() {
        if (terminal && printed) {
            out.println();
        }
    }

    static String seconds(double s) {
        if (s < 120) {
            return String.format("%.1f s", s);
        }
        return s < 7200 ? String.format("%.1f min", s / 60) : String.format("%.1f h", s / 3600);
    }
}
