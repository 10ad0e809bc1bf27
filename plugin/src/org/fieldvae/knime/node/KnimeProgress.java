package org.fieldvae.knime.node;

import java.util.function.Function;

import org.fieldvae.CancelledException;
import org.fieldvae.FieldVaeException;
import org.fieldvae.Progress;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.KNIMEException;

/**
 * The engine's {@link Progress} over a node's {@link ExecutionMonitor}: reports become the node's progress bar and
 * message, and the user's cancel becomes the engine's cancellation. Thread-safe because the monitor is (the Darcy
 * solver reports from its worker threads).
 */
public final class KnimeProgress implements Progress {

    private final ExecutionMonitor m_monitor;

    /** @param monitor the node's monitor or a sub-progress of it */
    public KnimeProgress(final ExecutionMonitor monitor) {
        m_monitor = monitor;
    }

    @Override
    public void report(final double fraction, final String message) {
        m_monitor.setProgress(Math.max(0, Math.min(1, fraction)), message);
    }

    @Override
    public boolean isCancelled() {
        try {
            m_monitor.checkCanceled();
            return false;
        } catch (CanceledExecutionException e) { // NOSONAR the exception is the answer, not an error
            return true;
        }
    }

    /**
     * Runs one engine call with progress on {@code monitor} and turns the engine's cancellation back into KNIME's.
     *
     * @param monitor the node's monitor or a sub-progress of it
     * @param work the engine call, given the progress to report to
     * @return what the call returned
     * @throws CanceledExecutionException if the user cancelled the node while the call ran
     */
    public static <T> T run(final ExecutionMonitor monitor, final Function<Progress, T> work)
        throws CanceledExecutionException {
        try {
            return work.apply(new KnimeProgress(monitor));
        } catch (CancelledException e) {
            final CanceledExecutionException cancelled = new CanceledExecutionException(e.getMessage());
            cancelled.initCause(e);
            throw cancelled;
        }
    }

    /**
     * Like {@link #run}, and the engine's own failures (bad input data or settings, e.g. a missing cell, an unreadable
     * file, an invalid option; a solver that did not converge) become a {@link KNIMEException} with the engine's
     * message, which names the row, file, option or sample, so the node shows it without a stack trace.
     *
     * @param monitor the node's monitor or a sub-progress of it
     * @param work the engine call, given the progress to report to
     * @return what the call returned
     * @throws CanceledExecutionException if the user cancelled the node while the call ran
     * @throws KNIMEException if the engine failed with a {@link FieldVaeException} or rejected a setting
     */
    public static <T> T call(final ExecutionMonitor monitor, final Function<Progress, T> work)
        throws CanceledExecutionException, KNIMEException {
        try {
            return run(monitor, work);
        } catch (FieldVaeException | IllegalArgumentException e) {
            throw new KNIMEException(e.getMessage(), e);
        }
    }
}
