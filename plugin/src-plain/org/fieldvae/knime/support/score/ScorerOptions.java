package org.fieldvae.knime.support.score;

import java.util.function.UnaryOperator;

import org.fieldvae.score.ScoreSettings;

/**
 * The options of the Disentanglement Scorer node, one-to-one with {@link ScoreSettings}: what the dialog holds,
 * before the engine has accepted it. {@link #toSettings()} names the dialog option of a rejected value, so KNIME
 * can show which field to fix.
 *
 * @param k neighbour order of the k-NN divergence estimator, in [1, 50]
 * @param estimator fixed k or the adaptive epsilon-ball variant
 * @param starts Nelder-Mead starts for S_KL, in [1, 64]
 * @param permutations also search axis permutations and sign flips of the latents (n &lt;= 4)
 * @param seed seed of the random halves, the extra starts and the held-out split of DCI
 * @param maxEvaluations objective evaluations per Nelder-Mead start, in [10, 100000]
 * @param tolerance relative change of the estimate below which Nelder-Mead stops, in (0, 0.1]
 * @param bins equal-width bins per variable for the mutual information of MIG, in [2, 1000]
 */
public record ScorerOptions(int k, ScoreSettings.Estimator estimator, int starts, boolean permutations, long seed,
    int maxEvaluations, double tolerance, int bins) {

    /** Dialog title of {@link #k}. */
    public static final String K = "Neighbour order k";

    /** Dialog title of {@link #estimator}. */
    public static final String ESTIMATOR = "k-NN estimator";

    /** Dialog title of {@link #starts}. */
    public static final String STARTS = "Nelder-Mead starts";

    /** Dialog title of {@link #permutations}. */
    public static final String PERMUTATIONS = "Search latent permutations and sign flips";

    /** Dialog title of {@link #seed}. */
    public static final String SEED = "Seed";

    /** Dialog title of {@link #maxEvaluations}. */
    public static final String MAX_EVALUATIONS = "Evaluations per start";

    /** Dialog title of {@link #tolerance}. */
    public static final String TOLERANCE = "Tolerance";

    /** Dialog title of {@link #bins}. */
    public static final String BINS = "MIG bins";

    /** @return the options of {@link ScoreSettings#defaults()} */
    public static ScorerOptions defaults() {
        return of(ScoreSettings.defaults());
    }

    /**
     * @param s engine settings
     * @return the same settings as dialog options
     */
    public static ScorerOptions of(final ScoreSettings s) {
        return new ScorerOptions(s.k(), s.estimator(), s.starts(), s.permutations(), s.seed(), s.maxEvaluations(),
            s.tolerance(), s.bins());
    }

    /**
     * Builds the engine settings one option at a time from the (valid) defaults, so a rejection can only come from
     * the option just applied.
     *
     * @return the engine settings
     * @throws IllegalArgumentException "&lt;dialog title&gt;: &lt;engine message&gt;" for the first invalid option
     */
    public ScoreSettings toSettings() {
        ScoreSettings s = ScoreSettings.defaults();
        s = apply(s, K, x -> x.withK(k));
        s = apply(s, ESTIMATOR, x -> x.withEstimator(estimator));
        s = apply(s, STARTS, x -> x.withStarts(starts));
        s = apply(s, MAX_EVALUATIONS, x -> x.withMaxEvaluations(maxEvaluations));
        s = apply(s, TOLERANCE, x -> x.withTolerance(tolerance));
        s = apply(s, BINS, x -> x.withBins(bins));
        return s.withPermutations(permutations).withSeed(seed);
    }

    private static ScoreSettings apply(final ScoreSettings s, final String option,
        final UnaryOperator<ScoreSettings> change) {
        try {
            return change.apply(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
