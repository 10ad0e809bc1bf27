package org.fieldvae;

/**
 * Where long work reports how far it is and learns that it should stop. The command line maps it to a
 * progress line on stderr, KNIME to the node's ExecutionMonitor.
 *
 * <p>Implementations must be safe to call from several threads: samples are solved in parallel.
 */
public interface Progress {

    /** Ignores every report and never cancels. */
    Progress NONE = new Progress() {
        @Override
        public void report(double fraction, String message) {
            // nobody is listening
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /** A progress that hands every report to the listener and never cancels (a log line, a test's record). */
    static Progress listening(java.util.function.BiConsumer<Double, String> listener) {
        return new Progress() {
            @Override
            public void report(double fraction, String message) {
                listener.accept(fraction, message);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }

    /**
     * @param fraction how much of the work is done, in [0, 1]
     * @param message  a short description of the current step, e.g. "epoch 12/100, L_REC = -3.2"
     */
    void report(double fraction, String message);

    /** @return true when the caller asked the work to stop at the next step */
    boolean isCancelled();

    /** Throws {@link CancelledException} when cancellation was asked for; call it between steps. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException("cancelled by the user");
        }
    }

    /**
     * A view of this progress for a sub-task that covers [from, to] of the whole: the sub-task reports
     * fractions of its own work in [0, 1] and they are mapped into [from, to].
     */
    default Progress range(double from, double to) {
        Progress whole = this;
        return new Progress() {
            @Override
            public void report(double fraction, String message) {
                whole.report(from + (to - from) * Math.max(0, Math.min(1, fraction)), message);
            }

            @Override
            public boolean isCancelled() {
                return whole.isCancelled();
            }
        };
    }
}
