package org.fieldvae.kle;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.fieldvae.Check;

/**
 * Permeability fields from a KLE basis (paper Eq. 17, 19): G(x) = m + sum_{k<p} sqrt(lambda_k) theta_k phi_k(x) and
 * K = exp(G), on the basis's n x n nodes. G is accumulated in double precision and rounded to float once. An
 * eigenvalue that came out negative by rounding (only possible far down a smooth kernel's spectrum, |lambda| ~
 * 1e-16 n^2 s2) is treated as 0.
 *
 * <p>No randomness here: draw all theta first (see {@link ThetaDistribution#sample}); the batch methods compute
 * samples in parallel and give the same values whatever the number of threads.
 */
public final class PermeabilitySampler {
    private PermeabilitySampler() {
    }

    /**
     * @param basis the KLE modes and eigenvalues
     * @param mean  m, the mean of the log-permeability (paper: 0)
     * @param theta generative parameters, length p = basis.modes(); not modified
     * @return K = exp(G), [i][j] at x1 = i h, x2 = j h
     */
    public static float[][] permeability(KleResult basis, double mean, double[] theta) {
        return field(basis, mean, theta, true);
    }

    /** @return G = log K, [i][j]; arguments as {@link #permeability(KleResult, double, double[])} */
    public static float[][] logPermeability(KleResult basis, double mean, double[] theta) {
        return field(basis, mean, theta, false);
    }

    /** @return K for each theta, [sample][i][j]; thetas [sample][p], not modified */
    public static float[][][] permeability(KleResult basis, double mean, double[][] thetas) {
        return fields(basis, mean, thetas, true);
    }

    /** @return G for each theta, [sample][i][j] */
    public static float[][][] logPermeability(KleResult basis, double mean, double[][] thetas) {
        return fields(basis, mean, thetas, false);
    }

    /**
     * Draws count thetas from p(theta) with the design and seed, then computes their fields: the whole of a
     * dataset's generation, reproducible from (basis, mean, distribution, count, design, seed).
     *
     * @param distribution p(theta); its dimension must equal basis.modes()
     */
    public static KleSamples sample(KleResult basis, double mean, ThetaDistribution distribution, int count,
                                    SampleDesign design, long seed) {
        Check.that(distribution.dimension() == basis.modes(), "dist",
            "has dimension " + distribution.dimension() + " but the KLE has modes = " + basis.modes());
        double[][] thetas = distribution.sample(count, design, seed);
        return new KleSamples(thetas, permeability(basis, mean, thetas));
    }

    private static float[][][] fields(KleResult basis, double mean, double[][] thetas, boolean exp) {
        Check.that(thetas != null, "theta", "must be given");
        float[][][] out = new float[thetas.length][][];
        IntStream.range(0, thetas.length).parallel().forEach(s -> out[s] = field(basis, mean, thetas[s], exp));
        return out;
    }

    private static float[][] field(KleResult basis, double mean, double[] theta, boolean exp) {
        Check.finite("mean", mean);
        int p = basis.modes();
        Check.that(theta != null && theta.length == p, "theta",
            "must have " + p + " entries, one per KLE mode (modes = " + p + ")");
        int n = basis.grid();
        int nodes = n * n;
        double[] g = new double[nodes];
        Arrays.fill(g, mean);
        double[] phi = basis.vectorsView();
        for (int k = 0; k < p; k++) {
            Check.finite("theta[" + k + "]", theta[k]);
            double c = Math.sqrt(Math.max(0, basis.eigenvalue(k))) * theta[k];
            int offset = k * nodes;
            for (int q = 0; q < nodes; q++) {
                g[q] += c * phi[offset + q];
            }
        }
        float[][] field = new float[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = g[i * n + j];
                field[i][j] = (float) (exp ? Math.exp(v) : v);
            }
        }
        return field;
    }
}
