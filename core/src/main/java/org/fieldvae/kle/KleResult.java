package org.fieldvae.kle;

import java.util.Arrays;
import org.fieldvae.Check;

/**
 * The leading p eigenpairs (lambda_k, phi_k) of the covariance matrix on the grid nodes, C phi_k = lambda_k phi_k,
 * |phi_k|_2 = 1, lambda_1 >= lambda_2 >= ..., with their checks. The sign of each phi_k is fixed: its first
 * component (node order i*n+j) of magnitude at least 1% of its largest is positive. A double eigenvalue (the
 * square's symmetry makes many) comes as the pair v(i, j), v(j, i) with v even in x1 and odd in x2 first.
 *
 * @param settings         what was computed
 * @param eigenvalues      lambda_1..lambda_p, decreasing (accessor copies)
 * @param vectors          phi_1..phi_p flat, [k * n^2 + i * n + j] (accessor copies; prefer {@link #mode(int)})
 * @param residual         max_k ||C phi_k - lambda_k phi_k|| / ||C phi_k||, about 1e-14 to 1e-11 normally; a
 *                         smooth kernel (squared exponential, long l) has eigenvalues at rounding level
 *                         (|lambda| ~ 1e-16 lambda_1) whose modes cannot be resolved, and keeping them shows here
 *                         as a residual up to 1 while they carry no variance
 * @param capturedVariance sum_k lambda_k / (n^2 s2), the fraction of the total variance trace(C) kept
 * @param method           the solvers of the blocks that gave the modes, "+"-joined: "lanczos", "lapack",
 *                         "commons-math" (the dense ones)
 */
public record KleResult(KleSettings settings, double[] eigenvalues, double[] vectors, double residual,
                        double capturedVariance, String method) {

    public KleResult {
        Check.that(settings != null, "settings", "must be given");
        Check.that(eigenvalues != null && eigenvalues.length == settings.modes(), "eigenvalues",
            "must hold modes = " + settings.modes() + " values");
        Check.that(vectors != null && vectors.length == (long) settings.modes() * settings.nodes(), "vectors",
            "must hold modes x grid^2 = " + settings.modes() + " x " + settings.nodes() + " values");
        eigenvalues = eigenvalues.clone();
        vectors = vectors.clone();
    }

    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    @Override
    public double[] vectors() {
        return vectors.clone();
    }

    /** @return n */
    public int grid() {
        return settings.grid();
    }

    /** @return p */
    public int modes() {
        return settings.modes();
    }

    /** @return lambda_k, k in [0, p) */
    public double eigenvalue(int k) {
        Check.inRange("mode", k, 0, modes() - 1);
        return eigenvalues[k];
    }

    /** @return phi_k as a grid vector of length n^2, index i*n+j; k in [0, p) */
    public double[] modeVector(int k) {
        Check.inRange("mode", k, 0, modes() - 1);
        int nodes = settings.nodes();
        return Arrays.copyOfRange(vectors, k * nodes, (k + 1) * nodes);
    }

    /** @return phi_k as an n x n field, [i][j] = phi_k(x1 = i h, x2 = j h); k in [0, p) */
    public double[][] mode(int k) {
        Check.inRange("mode", k, 0, modes() - 1);
        int n = grid();
        double[][] field = new double[n][];
        for (int i = 0; i < n; i++) {
            int from = k * n * n + i * n;
            field[i] = Arrays.copyOfRange(vectors, from, from + n);
        }
        return field;
    }

    /** The stored modes, not a copy: for the sampler in this package, which only reads them. */
    double[] vectorsView() {
        return vectors;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KleResult r && settings.equals(r.settings) && Arrays.equals(eigenvalues, r.eigenvalues)
            && Arrays.equals(vectors, r.vectors) && Double.compare(residual, r.residual) == 0
            && Double.compare(capturedVariance, r.capturedVariance) == 0 && method.equals(r.method);
    }

    @Override
    public int hashCode() {
        return 31 * settings.hashCode() + Arrays.hashCode(eigenvalues);
    }

    @Override
    public String toString() {
        return "KleResult[" + settings + ", lambda_1 = " + eigenvalues[0] + ", residual = " + residual
            + ", captured variance = " + capturedVariance + ", method = " + method + "]";
    }
}
