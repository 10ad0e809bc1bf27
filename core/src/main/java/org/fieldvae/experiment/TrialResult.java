package org.fieldvae.experiment;

import java.util.Objects;

/**
 * The outcome of one trial of a sweep.
 *
 * @param trial           the trial (name, axis values, settings)
 * @param sD              S_D of the test latents (Eq. 5), NaN if the trial failed
 * @param sKl             S_KL of the test latents (Eq. 6), NaN if the trial failed
 * @param overRegularised the trainer's verdict (paper, Theorem 1)
 * @param seconds         wall time of the sweep call that completed the trial
 * @param failure         why the trial failed, or the empty string when it completed
 */
public record TrialResult(SweepSpec.Trial trial, double sD, double sKl, boolean overRegularised, double seconds,
        String failure) {
    /** S_D above which a run counts as disentangled. */
    public static final double DISENTANGLED_S_D = 0.9;

    public TrialResult {
        Objects.requireNonNull(trial, "trial");
        Objects.requireNonNull(failure, "failure");
    }

    public boolean completed() {
        return failure.isEmpty();
    }

    /** S_D > {@value #DISENTANGLED_S_D}. */
    public boolean disentangled() {
        return completed() && sD > DISENTANGLED_S_D;
    }
}
