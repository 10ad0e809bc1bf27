package org.fieldvae.experiment;

import java.nio.file.Path;
import java.util.List;

/**
 * What a sweep ended with; the same rows are in {@link Sweep#SUMMARY} and {@link Sweep#SUMMARY_BY_SETTING}.
 *
 * @param dir      the sweep folder
 * @param axes     the spec's axes (keys with several values), in file order
 * @param trials   one result per trial, in the spec's trial order
 * @param settings one summary per setting (axis values without the seed)
 * @param poolSize trials that ran at the same time
 */
public record SweepResult(Path dir, List<String> axes, List<TrialResult> trials, List<SettingSummary> settings,
        int poolSize) {
    public SweepResult {
        axes = List.copyOf(axes);
        trials = List.copyOf(trials);
        settings = List.copyOf(settings);
    }

    /** The trials that failed (their folders keep what they completed; a re-run resumes them). */
    public List<TrialResult> failures() {
        return trials.stream().filter(t -> !t.completed()).toList();
    }
}
