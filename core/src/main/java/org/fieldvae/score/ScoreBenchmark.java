package org.fieldvae.score;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.fieldvae.Medians;
import org.fieldvae.Progress;

/**
 * Timing of all scores (S_KL optimisation included, default settings) on the paper's four-mode mixture
 * p(theta) (components at (+-1, +-1), covariance 0.25 I, equal weights) with a perfect code
 * {@code z = 2 theta + 1}. For the {@code bench} command; the target is under 1 s for 2,000 samples in 2-D.
 */
public final class ScoreBenchmark {
    /** Standard deviation of each mixture component: sqrt(0.25). */
    static final double COMPONENT_SD = 0.5;

    private ScoreBenchmark() {
    }

    /**
     * @param samples rows of the table, at least {@value LatentTable#MIN_ROWS}
     * @param repeats timed runs after one untimed warm-up run, at least 1
     * @return wall-clock seconds of each timed run
     */
    public static double[] timeAllScores(int samples, int repeats) {
        org.fieldvae.Check.atLeast("samples", samples, LatentTable.MIN_ROWS);
        org.fieldvae.Check.atLeast("repeats", repeats, 1);
        double[][] theta = fourModeMixture(samples, new SplittableRandom(42));
        double[][] z = new double[samples][2];
        for (int r = 0; r < samples; r++) {
            z[r][0] = 2 * theta[r][0] + 1;
            z[r][1] = 2 * theta[r][1] + 1;
        }
        ScoreSettings s = ScoreSettings.defaults();
        DisentanglementScorer.score(s, z, theta, Progress.NONE);
        double[] seconds = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            DisentanglementScorer.score(s, z, theta, Progress.NONE);
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return seconds;
    }


    /** Samples of the four-mode mixture of the paper's Section 5.3, {@code [sample][2]}. */
    static double[][] fourModeMixture(int samples, SplittableRandom random) {
        double[][] out = new double[samples][2];
        for (double[] row : out) {
            int mode = random.nextInt(4);
            row[0] = (mode % 2 == 0 ? -1 : 1) + COMPONENT_SD * Moments.gaussian(random);
            row[1] = (mode / 2 == 0 ? -1 : 1) + COMPONENT_SD * Moments.gaussian(random);
        }
        return out;
    }

    /** Prints the median of 11 runs on 2,000 samples: {@code java ... org.fieldvae.score.ScoreBenchmark}. */
    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        double[] t = timeAllScores(samples, 11);
        System.out.printf("all scores, %d samples in 2-D: median %.3f s (min %.3f, max %.3f) of %d runs%n", samples,
                Medians.of(t).median(), Arrays.stream(t).min().orElseThrow(), Arrays.stream(t).max().orElseThrow(), t.length);
    }
}
