package org.fieldvae.kle;

import java.util.SplittableRandom;

/**
 * Uniform points in (0, 1)^d for the two sample designs.
 * <pre>
 * McKay, M. D., Beckman, R. J. and Conover, W. J., "A comparison of three methods for selecting values of input
 * variables in the analysis of output from a computer code", Technometrics 21(2), 1979.
 * </pre>
 * LHS: for each dimension k independently a uniformly random permutation pi_k of 0..N-1 and
 * u[i][k] = (pi_k(i) + U[i][k]) / N with U uniform in [0, 1), so each of the N strata [s/N, (s+1)/N) of every
 * dimension holds exactly one point.
 */
final class LatinHypercube {
    private LatinHypercube() {
    }

    /**
     * @param random the stream, consumed: per dimension N - 1 permutation draws, then N jitters
     * @return u, [count][dimension], each entry in (0, 1)
     */
    static double[][] points(int count, int dimension, SampleDesign design, SplittableRandom random) {
        double[][] u = new double[count][dimension];
        if (design == SampleDesign.MC) {
            for (int i = 0; i < count; i++) {
                for (int k = 0; k < dimension; k++) {
                    u[i][k] = open(random);
                }
            }
            return u;
        }
        for (int k = 0; k < dimension; k++) {
            int[] perm = permutation(count, random);
            for (int i = 0; i < count; i++) {
                double x = (perm[i] + open(random)) / count;
                u[i][k] = Math.min(x, Math.nextDown(1.0));
            }
        }
        return u;
    }

    /** @return a uniform draw in the open interval (0, 1): (m + 1/2) 2^-53 for a 53-bit integer m */
    static double open(SplittableRandom random) {
        return ((random.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
    }

    /** Fisher-Yates: a uniformly random permutation of 0..count-1. */
    static int[] permutation(int count, SplittableRandom random) {
        int[] perm = new int[count];
        for (int i = 0; i < count; i++) {
            perm[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }
}
