package org.fieldvae.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.fieldvae.InvalidInputException;
import org.fieldvae.Progress;

/**
 * The disentanglement scorer: from latents z ({@code [sample][latent]}, n columns) and generative
 * parameters theta ({@code [sample][parameter]}, p columns) of the same samples, the paper's S_D (Eq. 5)
 * and S_KL (Eq. 6) and, from the disentanglement literature, MIG, DCI, SAP, the total correlation of the
 * aggregated posterior and the n x p correlation matrix (see {@link Scores}; each score's definition and
 * reference is in the javadoc of the class computing it).
 *
 * <p><b>S_KL pairing.</b> A theta must never be compared with its own z: for a perfect code the k-NN
 * estimate would then find each theta's own transformed latent at distance 0 and run to minus infinity.
 * Without a reference sample the rows are split into two disjoint random halves (seeded): theta of the
 * first half against z of the second. With a reference sample of p(theta) (fresh draws, when the
 * distribution is known) all z are compared with it. S_KL needs n = p; otherwise it is NaN with a warning.
 *
 * <p><b>Reproducibility.</b> The rows are first put in a canonical (lexicographic) order, so every score is
 * a function of the set of rows and the seed: reordering the rows changes nothing, bit for bit.
 */
public final class DisentanglementScorer {
    /** Largest n for which permutations and sign flips are searched (n! 2^n starts grow fast). */
    static final int MAX_PERMUTED_LATENTS = 4;
    /**
     * S_D of theta against itself below which the scores warn: S_D compares covariances, so the sample
     * correlation rho of the scored theta caps it (for p = 2 at 1 / (1 + |rho|) with unit variances); a Monte
     * Carlo set of 256 has |rho| above 0.12 in about one case of 20, capping S_D near 0.89 (docs/learner.md).
     */
    static final double S_D_CEILING_WARNING = 0.95;

    private DisentanglementScorer() {
    }

    /** Scores without a reference sample (S_KL on disjoint random halves). */
    public static Scores score(ScoreSettings s, double[][] z, double[][] theta, Progress progress) {
        return score(s, z, theta, null, progress);
    }

    /**
     * @param s         settings, e.g. {@link ScoreSettings#defaults()}
     * @param z         latents {@code [sample][latent]}, not modified
     * @param theta     generative parameters {@code [sample][parameter]} of the same samples, not modified
     * @param reference fresh samples of p(theta) {@code [sample][parameter]} for S_KL, or null to split the rows
     * @throws InvalidInputException when a table is empty, too short, non-finite, has a constant column or
     *                               the shapes disagree
     */
    public static Scores score(ScoreSettings s, double[][] z, double[][] theta, double[][] reference, Progress progress) {
        LatentTable.validate("latents", names("z_", z), z, "latent");
        LatentTable.validate("theta", names("theta_", theta), theta, "theta");
        if (z.length != theta.length) {
            throw new InvalidInputException(z.length + " latent rows but " + theta.length + " theta rows");
        }
        int n = z[0].length;
        int p = theta[0].length;
        if (reference != null) {
            LatentTable.validate("reference", names("theta_", theta), reference, "theta");
        }
        List<String> warnings = new ArrayList<>();
        if (n != p) {
            warnings.add("n = " + n + " latents but p = " + p + " parameters: S_D is meant for n = p, S_KL is undefined");
        }
        double[][][] sorted = canonicalOrder(z, theta);
        double[][] zs = sorted[0];
        double[][] ts = sorted[1];
        progress.report(0, "correlations");

        double[][] covZT = Moments.covariance(zs, ts);
        double ceiling = CovarianceScores.sD(Moments.covariance(ts, ts));
        if (n == p && ceiling < S_D_CEILING_WARNING) {
            warnings.add(String.format(Locale.ROOT, "the scored theta are correlated with each other: even z = theta "
                    + "would get S_D = %.4f here; score more samples (or a decorrelated design)", ceiling));
        }
        double[] sdZ = Moments.sd(zs, Moments.mean(zs));
        double[] sdT = Moments.sd(ts, Moments.mean(ts));
        double[][] corr = CovarianceScores.correlation(covZT, sdZ, sdT);
        int[][] halves = halves(zs.length, new SplittableRandom(s.seed()));
        Dci.Result dci = Dci.score(zs, ts, halves[0], halves[1]);
        double mig = Mig.score(zs, ts, s.bins());
        double tc = CovarianceScores.gaussianTotalCorrelation(Moments.covariance(zs, zs));
        progress.checkCancelled();

        KlShapeSearch.Result kl = null;
        int thetaCount = 0;
        int latentCount = 0;
        if (n == p) {
            double[][] x = reference != null ? reference : Dci.rowsOf(ts, halves[0]);
            double[][] y = reference != null ? zs : Dci.rowsOf(zs, halves[1]);
            thetaCount = x.length;
            latentCount = y.length;
            if (x.length <= s.k() || y.length < s.k()) {
                throw new InvalidInputException("S_KL with k = " + s.k() + " needs more than " + s.k()
                        + " theta samples and latents in each half; got " + x.length + " and " + y.length);
            }
            boolean permute = s.permutations() && n <= MAX_PERMUTED_LATENTS;
            if (s.permutations() && !permute) {
                warnings.add("permutations not searched: n = " + n + " > " + MAX_PERMUTED_LATENTS);
            }
            if (s.k() == 1) {
                warnings.add("k = 1: S_KL is unbounded below (the optimiser can put one latent on one theta); use k >= 2");
            }
            kl = KlShapeSearch.minimise(s, x, y, permute, progress.range(0.05, 1));
            if (kl.value() == Double.NEGATIVE_INFINITY) {
                warnings.add("S_KL = -infinity: at least k = " + s.k() + " latents coincide after the optimal map"
                        + " (duplicate rows?); raise k");
            }
            if (kl.exhaustedStarts() > 0) {
                warnings.add("S_KL: " + kl.exhaustedStarts() + " Nelder-Mead start(s) reached maxEvaluations = "
                        + s.maxEvaluations() + "; the best value seen is reported");
            }
        }
        progress.report(1, "scores done");
        return new Scores(CovarianceScores.sD(covZT), kl == null ? Double.NaN : kl.value(),
                kl == null ? new double[0] : kl.a(), kl == null ? new double[0] : kl.b(),
                kl == null ? new int[0] : kl.permutation(), mig, dci.disentanglement(), dci.completeness(),
                dci.informativeness(), CovarianceScores.sap(corr), tc, corr, zs.length, thetaCount, latentCount,
                kl == null ? 0 : kl.evaluations(), warnings);
    }

    /** Rows sorted lexicographically by (theta, z), as {@code {z, theta}}. */
    private static double[][][] canonicalOrder(double[][] z, double[][] theta) {
        Integer[] order = new Integer[z.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Comparator<Integer> byRow = (i, j) -> {
            int c = Arrays.compare(theta[i], theta[j]);
            return c != 0 ? c : Arrays.compare(z[i], z[j]);
        };
        Arrays.sort(order, byRow);
        double[][] zs = new double[z.length][];
        double[][] ts = new double[z.length][];
        for (int r = 0; r < order.length; r++) {
            zs[r] = z[order[r]].clone();
            ts[r] = theta[order[r]].clone();
        }
        return new double[][][] {zs, ts};
    }

    /** A seeded random split of 0..rows-1 into two disjoint halves (Fisher-Yates). */
    private static int[][] halves(int rows, SplittableRandom random) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int half = rows / 2;
        return new int[][] {Arrays.copyOfRange(order, 0, half), Arrays.copyOfRange(order, half, rows)};
    }

    private static List<String> names(String prefix, double[][] t) {
        int width = t.length == 0 ? 0 : t[0].length;
        List<String> names = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            names.add(prefix + (j + 1));
        }
        return names;
    }
}
