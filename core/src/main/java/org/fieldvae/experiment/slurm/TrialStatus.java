package org.fieldvae.experiment.slurm;

import java.util.Locale;

/**
 * Where one trial of a sweep stands, as {@code fieldvae sweep status} prints it.
 *
 * @param index  the trial's index (its array task index)
 * @param trial  the trial's folder name
 * @param state  done, running, queued, failed, unfinished (started, nothing runs it) or not started
 * @param detail the job, its SLURM state and exit code, the lock holder, the failure, or S_D when done
 * @param log    the task's log file, or the empty string
 */
public record TrialStatus(int index, String trial, State state, String detail, String log) {
    /** The states; the names are what status prints. */
    public enum State {
        DONE, RUNNING, QUEUED, FAILED, UNFINISHED, NOT_STARTED;

        /** Lower case with a hyphen: {@code not-started}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Whether a queued or running task will still work on the trial. */
    public boolean live() {
        return state == State.RUNNING || state == State.QUEUED;
    }

    /** One line: index, trial, state, detail and log. */
    public String line() {
        String text = String.format(Locale.ROOT, "%4d  %-28s %-11s %s", index, trial, state.label(), detail);
        return (log.isEmpty() ? text : text + "  log " + log).stripTrailing();
    }
}
