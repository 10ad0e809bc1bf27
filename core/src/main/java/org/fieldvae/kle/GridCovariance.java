package org.fieldvae.kle;

/**
 * The covariance matrix C[(i,j),(k,l)] = s2 rho(h |(i-k, j-l)|_2 / l) on the n x n nodes and the spectrum of its
 * circulant embedding, which turns products with C into sine and cosine transforms.
 *
 * <p>C is block Toeplitz with Toeplitz blocks. Its minimal circulant embedding lives on the torus of N = 2(n-1)
 * nodes per side with generator c(a, b) = cov(min(a, N-a), min(b, N-b)); the nodes 0..n-1 of each side sit in it
 * without wrap-around because every distance |i-k| <= n-1 = N/2 is represented once. The embedding is diagonal
 * in the discrete Fourier basis with eigenvalues
 * <pre>
 *   Lambda(k1, k2) = sum_{a,b = 0}^{N-1} c(a, b) cos(2 pi a k1 / N) cos(2 pi b k2 / N),
 * </pre>
 * real and even in k1 and k2 because c is; so C x equals the first n x n entries of
 * IDFT(Lambda . DFT(zero-padded x)) exactly (Lambda may have negative entries; that matters for sampling by
 * embedding, not for products). Reference: Dietrich, C. R. and Newsam, G. N., "Fast and exact simulation of
 * stationary Gaussian processes through circulant embedding of the covariance matrix", SIAM J. Sci. Comput.
 * 18(4), 1997.
 */
final class GridCovariance {
    private final int n;
    private final double[] table;
    private final double[] spectrum;

    GridCovariance(KleSettings s) {
        this.n = s.grid();
        double h = 1.0 / (n - 1);
        table = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                table[a * n + b] = s.variance() * s.kernel().correlation(h * Math.hypot(a, b), s.length());
            }
        }
        spectrum = embeddingSpectrum(n, table);
    }

    int grid() {
        return n;
    }

    /** @return cov at node offsets (di, dj), any signs */
    double cov(int di, int dj) {
        return table[Math.abs(di) * n + Math.abs(dj)];
    }

    /** @return C between nodes p = i*n+j and q = k*n+l */
    double entry(int p, int q) {
        return cov(p / n - q / n, p % n - q % n);
    }

    /**
     * Lambda(k1, k2) for k1, k2 in 0..N/2 (= 0..n-1), flat [k1 * n + k2]; the other frequencies follow by
     * evenness. Not a copy: callers must not modify it.
     */
    double[] spectrum() {
        return spectrum;
    }

    /**
     * y = C x by the definition, O(n^4): the reference the fast products are tested against.
     *
     * @param x full grid vector, length n^2, index i*n+j; not modified
     * @param y output, length n^2; modified
     */
    void applyDirect(double[] x, double[] y) {
        int nodes = n * n;
        for (int p = 0; p < nodes; p++) {
            double sum = 0;
            for (int q = 0; q < nodes; q++) {
                sum += entry(p, q) * x[q];
            }
            y[p] = sum;
        }
    }

    /**
     * Lambda by two folded cosine transforms: sum over a in 0..N-1 of f(min(a, N-a)) cos(2 pi a k / N) equals
     * sum over a in 0..N/2 of u_a f(a) cos(2 pi a k / N) with u_0 = u_{N/2} = 1 and u_a = 2 otherwise.
     */
    private static double[] embeddingSpectrum(int n, double[] table) {
        int big = 2 * (n - 1);
        double[] cos = new double[n * n];
        for (int k = 0; k < n; k++) {
            for (int a = 0; a < n; a++) {
                double u = (a == 0 || a == n - 1) ? 1 : 2;
                cos[k * n + a] = u * Math.cos(2 * Math.PI * ((long) a * k % big) / big);
            }
        }
        double[] half = new double[n * n];
        for (int k1 = 0; k1 < n; k1++) {
            for (int a = 0; a < n; a++) {
                double w = cos[k1 * n + a];
                for (int b = 0; b < n; b++) {
                    half[k1 * n + b] += w * table[a * n + b];
                }
            }
        }
        double[] result = new double[n * n];
        for (int k1 = 0; k1 < n; k1++) {
            for (int k2 = 0; k2 < n; k2++) {
                double sum = 0;
                for (int b = 0; b < n; b++) {
                    sum += half[k1 * n + b] * cos[k2 * n + b];
                }
                result[k1 * n + k2] = sum;
            }
        }
        return result;
    }
}
