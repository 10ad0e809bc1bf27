package org.fieldvae.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.fieldvae.InvalidInputException;
import org.fieldvae.Progress;
import org.junit.jupiter.api.Test;

/** Checks Eq. 5 (S_D) and Eq. 6 (S_KL) of the paper, and the literature's scores beside them; docs/equations.md. */
class DisentanglementScorerTest {
    private static final double C = Math.sqrt(0.5);

    /** theta on a symmetric 21 x 21 grid: independent, equal variances, sample cross-covariance exactly 0. */
    private static double[][] grid() {
        double[][] t = new double[21 * 21][];
        for (int i = 0, r = 0; i < 21; i++) {
            for (int j = 0; j < 21; j++) {
                t[r++] = new double[] {i - 10, j - 10};
            }
        }
        return t;
    }

    private static double[][] diagonal(double[][] theta) {
        double[][] z = new double[theta.length][];
        for (int r = 0; r < theta.length; r++) {
            z[r] = new double[] {3 * theta[r][0] - 2, 0.5 * theta[r][1] + 4};
        }
        return z;
    }

    private static double[][] rotated(double[][] theta) {
        double[][] z = new double[theta.length][];
        for (int r = 0; r < theta.length; r++) {
            z[r] = new double[] {C * (theta[r][0] - theta[r][1]), C * (theta[r][0] + theta[r][1])};
        }
        return z;
    }

    private static Scores score(double[][] z, double[][] theta) {
        return DisentanglementScorer.score(ScoreSettings.defaults(), z, theta, Progress.NONE);
    }

    @Test
    void diagonalCodeScoresOne() {
        double[][] theta = grid();
        Scores s = score(diagonal(theta), theta);
        assertEquals(1, s.sD(), 1e-12);
        assertEquals(1, s.dciDisentanglement(), 1e-9);
        assertEquals(1, s.dciCompleteness(), 1e-9);
        assertEquals(1, s.dciInformativeness(), 1e-9);
        assertEquals(1, s.sap(), 1e-12);
        assertEquals(0, s.totalCorrelation(), 1e-12);
        // 21 grid values into 20 bins: z_i bins exactly as theta_i, so I(z_i; theta_i) = H(theta_i), the other 0
        assertEquals(1, s.mig(), 1e-12);
        double[][] corr = s.correlation();
        assertEquals(1, corr[0][0], 1e-12);
        assertEquals(0, corr[0][1], 1e-12);
    }

    /**
     * Eq. 5 compares covariances, so correlated theta cap even a perfect code: theta_2' = theta_2 + 0.2 theta_1
     * on the grid (var theta_1 = var theta_2 = v, cov(theta_1, theta_2') = 0.2 v, var theta_2' = 1.04 v) gives
     * z = theta the S_D (1 / 1.2 + 1.04 / 1.24) / 2 = 0.8360, and the scores say why; independent theta do not warn.
     */
    @Test
    void correlatedThetaCapSdAndAreNamedInTheWarnings() {
        double[][] theta = grid();
        for (double[] t : theta) {
            t[1] += 0.2 * t[0];
        }
        Scores s = score(theta, theta);
        assertEquals((1 / 1.2 + 1.04 / 1.24) / 2, s.sD(), 1e-12);
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("even z = theta would get S_D = 0.8360")),
                s.warnings().toString());
        assertTrue(score(diagonal(grid()), grid()).warnings().isEmpty());
    }

    @Test
    void rotationByFortyFiveDegreesScoresHalfOrZero() {
        double[][] theta = grid();
        Scores s = score(rotated(theta), theta);
        // |cov(z_i, theta_1)| = |cov(z_i, theta_2)| for both latents: S_D = 1/p
        assertEquals(0.5, s.sD(), 1e-12);
        // equal importances, both entropies 1 bit; the regressor sees a random half of the grid, whose
        // sample covariance is symmetric only to about 1e-2, hence the tolerance
        assertEquals(0, s.dciDisentanglement(), 1e-3);
        assertEquals(0, s.dciCompleteness(), 1e-3);
        assertEquals(1, s.dciInformativeness(), 1e-9);
        // corr^2 = 1/2 for every pair: no gap
        assertEquals(0, s.sap(), 1e-12);
        assertTrue(s.mig() < 0.1, "MIG " + s.mig());
    }

    @Test
    void migSapAndDciOfAnIndependentNoisyCode() {
        SplittableRandom random = new SplittableRandom(5);
        double[][] theta = new double[2000][2];
        double[][] z = new double[2000][2];
        for (int r = 0; r < theta.length; r++) {
            theta[r] = new double[] {random.nextDouble(), random.nextDouble()};
            z[r] = new double[] {theta[r][1] + 0.01 * Moments.gaussian(random), -theta[r][0] + 0.01 * Moments.gaussian(random)};
        }
        Scores s = score(z, theta);
        // permuted, sign-flipped, slightly noisy: still one latent per factor
        assertTrue(s.mig() > 0.6, "MIG " + s.mig());
        assertTrue(s.sap() > 0.95, "SAP " + s.sap());
        assertTrue(s.dciDisentanglement() > 0.95 && s.dciCompleteness() > 0.95, s.toString());
        assertEquals(1, s.dciInformativeness(), 0.01);
    }

    @Test
    void gaussianTotalCorrelationMatchesClosedForm() {
        double[][] theta = grid();
        double[][] z = new double[theta.length][];
        for (int r = 0; r < theta.length; r++) {
            z[r] = new double[] {theta[r][0], theta[r][0] + theta[r][1]};
        }
        // corr(z_1, z_2)^2 = 1/2, TC = -(1/2) log(1 - rho^2) = (1/2) log 2
        assertEquals(0.5 * Math.log(2), score(z, theta).totalCorrelation(), 1e-12);
    }

    private static double[][] mixture(int n, long seed) {
        return ScoreBenchmark.fourModeMixture(n, new SplittableRandom(seed));
    }

    /** Paper Section 5.3: a scaled and shifted copy matches p(theta) (S_KL about 0), a 45-degree rotation does not. */
    @Test
    void sKlSeparatesScaledCopyFromRotationOfTheFourModeMixture() {
        double[][] theta = mixture(2000, 21);
        Scores copy = score(diagonal(theta), theta);
        Scores rotation = score(rotated(theta), theta);
        assertTrue(Math.abs(copy.sKl()) < 0.1, "copy " + copy.sKl());
        assertTrue(rotation.sKl() > 0.3, "rotation " + rotation.sKl());
        // the optimum undoes z = (3 theta_1 - 2, theta_2 / 2 + 4), i.e. a = (1/3, 2), b = (-2, 4), up to the
        // flatness of the KL near its minimum: 15 % in scale, 0.1 in theta units in shift
        double[] a = {1.0 / 3, 2};
        double[] b = {-2, 4};
        for (int i = 0; i < 2; i++) {
            assertEquals(a[i], copy.a()[i], 0.15 * a[i], "a " + Arrays.toString(copy.a()));
            assertEquals(b[i], copy.b()[i], 0.1 / a[i], "b " + Arrays.toString(copy.b()));
        }
        assertEquals(1000, copy.klThetaSamples());
        assertEquals(1000, copy.klLatentSamples());
    }

    @Test
    void sKlIsInvariantUnderScalingAndShiftingTheLatents() {
        double[][] theta = mixture(600, 3);
        double[][] z = rotated(theta);
        double[][] moved = new double[z.length][];
        for (int r = 0; r < z.length; r++) {
            moved[r] = new double[] {4 * z[r][0] + 10, 0.3 * z[r][1] - 3};
        }
        Scores s = score(z, theta);
        Scores m = score(moved, theta);
        assertEquals(s.sKl(), m.sKl(), 0.0);
        // a o (z - b) is the same map: a' = a / c, b' = c b + e
        assertEquals(s.a()[0] / 4, m.a()[0], 1e-6 * Math.abs(s.a()[0]));
        assertEquals(0.3 * s.b()[1] - 3, m.b()[1], 1e-6);
    }

    /** With permutations and sign flips searched, swapping and negating latents changes nothing either. */
    @Test
    void permutationSearchIsInvariantUnderSwappingAndNegatingLatents() {
        double[][] theta = mixture(400, 13);
        double[][] z = rotated(theta);
        double[][] moved = new double[z.length][];
        for (int r = 0; r < z.length; r++) {
            moved[r] = new double[] {-0.5 * z[r][1] + 1, z[r][0]};
        }
        ScoreSettings s = ScoreSettings.defaults().withPermutations(true).withStarts(2);
        assertEquals(DisentanglementScorer.score(s, z, theta, Progress.NONE).sKl(),
                DisentanglementScorer.score(s, moved, theta, Progress.NONE).sKl(), 0.0);
    }

    @Test
    void everyScoreIsUnchangedByReorderingTheRows() {
        double[][] theta = mixture(500, 8);
        double[][] z = rotated(theta);
        for (double[] row : z) {
            row[0] += 0.1 * Math.sin(7 * row[1]);
        }
        Integer[] order = new Integer[theta.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Collections.shuffle(Arrays.asList(order), new java.util.Random(1));
        double[][] z2 = new double[z.length][];
        double[][] t2 = new double[z.length][];
        for (int r = 0; r < order.length; r++) {
            z2[r] = z[order[r]];
            t2[r] = theta[order[r]];
        }
        assertEquals(score(z, theta).asMap().toString(), score(z2, t2).asMap().toString());
    }

    /** The default (k = 5) is finite for a perfect code, and the same seed gives the same value bit for bit. */
    @Test
    void defaultIsFiniteAndReproducible() {
        double[][] theta = mixture(800, 4);
        double[][] z = diagonal(theta);
        Scores first = score(z, theta);
        Scores second = score(z, theta);
        assertTrue(Double.isFinite(first.sKl()), "S_KL " + first.sKl());
        assertEquals(first.sKl(), second.sKl(), 0.0);
        assertTrue(first.warnings().isEmpty(), first.warnings().toString());
        Scores otherSeed = DisentanglementScorer.score(ScoreSettings.defaults().withSeed(2), z, theta, Progress.NONE);
        assertTrue(otherSeed.sKl() != first.sKl(), "another seed draws other halves");
        assertTrue(DisentanglementScorer.score(ScoreSettings.defaults().withK(1), z, theta, Progress.NONE).warnings()
                .stream().anyMatch(w -> w.contains("k = 1")));
    }

    @Test
    void adaptiveEstimatorAndPermutationSearchAlsoMatchACopy() {
        double[][] theta = mixture(600, 9);
        double[][] z = new double[theta.length][];
        for (int r = 0; r < theta.length; r++) {
            z[r] = new double[] {-2 * theta[r][1], theta[r][0] + 1}; // swapped and flipped
        }
        ScoreSettings s = ScoreSettings.defaults().withEstimator(ScoreSettings.Estimator.ADAPTIVE).withPermutations(true)
                .withStarts(1);
        Scores permuted = DisentanglementScorer.score(s, z, theta, Progress.NONE);
        assertTrue(Math.abs(permuted.sKl()) < 0.15, "S_KL " + permuted.sKl());
        assertArrayEquals(new int[] {1, 0}, permuted.permutation());
        assertTrue(permuted.a()[0] < 0, "theta_1 = -z_2 / 2 needs a negative scale");
    }

    @Test
    void referenceSampleReplacesTheHalves() {
        double[][] theta = mixture(1000, 10);
        double[][] reference = mixture(1000, 11);
        Scores s = DisentanglementScorer.score(ScoreSettings.defaults(), diagonal(theta), theta, reference, Progress.NONE);
        assertEquals(1000, s.klThetaSamples());
        assertEquals(1000, s.klLatentSamples());
        assertTrue(Math.abs(s.sKl()) < 0.1, "S_KL " + s.sKl());
    }

    @Test
    void moreLatentsThanParametersWarnsAndLeavesSKlUndefined() {
        double[][] theta = grid();
        double[][] z = new double[theta.length][];
        for (int r = 0; r < theta.length; r++) {
            z[r] = new double[] {theta[r][0], theta[r][1], Math.sin(r)};
        }
        Scores s = score(z, theta);
        assertTrue(Double.isNaN(s.sKl()));
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("n = 3")), s.warnings().toString());
        assertEquals(3, s.correlation().length);
        assertEquals(2, s.correlation()[0].length);
    }

    @Test
    void badTablesAreRejectedWithTheirRowOrColumn() {
        double[][] theta = grid();
        double[][] z = diagonal(theta);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> score(Arrays.copyOf(z, 9), Arrays.copyOf(theta, 9)));
        assertTrue(e.getMessage().contains("at least 10"), e.getMessage());
        double[][] nan = diagonal(theta);
        nan[7][1] = Double.NaN;
        e = assertThrows(InvalidInputException.class, () -> score(nan, theta));
        assertTrue(e.getMessage().contains("row 8") && e.getMessage().contains("z_2"), e.getMessage());
        double[][] constant = diagonal(theta);
        for (double[] row : constant) {
            row[0] = 1;
        }
        e = assertThrows(InvalidInputException.class, () -> score(constant, theta));
        assertTrue(e.getMessage().contains("constant"), e.getMessage());
        double[][] empty = new double[theta.length][0];
        assertThrows(InvalidInputException.class, () -> score(empty, theta));
        assertThrows(InvalidInputException.class, () -> score(z, Arrays.copyOf(theta, 100)));
    }

    @Test
    void settingsNameTheBadValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScoreSettings.defaults().withK(0));
        assertTrue(e.getMessage().startsWith("k = 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScoreSettings.defaults().withStarts(0));
        assertThrows(IllegalArgumentException.class, () -> ScoreSettings.defaults().withEstimator(null));
    }

    @Test
    void cancellationStopsTheSearch() {
        double[][] theta = mixture(400, 12);
        java.util.concurrent.atomic.AtomicInteger reports = new java.util.concurrent.atomic.AtomicInteger();
        Progress cancelAfterFirstReport = new Progress() {
            @Override
            public void report(double fraction, String message) {
                reports.incrementAndGet();
            }

            @Override
            public boolean isCancelled() {
                return reports.get() > 0;
            }
        };
        assertThrows(org.fieldvae.CancelledException.class,
                () -> DisentanglementScorer.score(ScoreSettings.defaults(), rotated(theta), theta, cancelAfterFirstReport));
    }

    @Test
    void resultsDoNotShareTheirArrays() {
        double[][] theta = grid();
        Scores s = score(diagonal(theta), theta);
        s.correlation()[0][0] = 42;
        s.a()[0] = 42;
        assertEquals(1, s.correlation()[0][0], 1e-12);
        assertTrue(s.a()[0] != 42);
    }
}
