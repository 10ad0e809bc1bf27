package org.fieldvae.darcy;

/**
 * Direct solve of the singular Neumann system on the coarsest multigrid level (or on the whole grid when n is
 * not 2^k + 1): node 0 is pinned (its row and column replaced by the identity, its right-hand side by 0),
 * which leaves a symmetric positive definite matrix of bandwidth n + 1 in the ordering q = i n + j, factored
 * by a banded Cholesky in about N (n+1)^2 / 2 flops. For a consistent right-hand side (sum 0) the pinned
 * solution solves the singular system; callers remove its mean.
 */
final class BandedCholesky {
    private final int n;
    private final int size;
    private final int band;
    private final double[] l;

    BandedCholesky(int n) {
        this.n = n;
        this.size = n * n;
        this.band = n + 1;
        this.l = new double[size * (band + 1)];
    }

    /**
     * Factors the pinned matrix.
     *
     * @param a 9-point stencil on the padded (n+2)^2 grid; not modified
     */
    void factor(double[] a) {
        java.util.Arrays.fill(l, 0.0);
        int m = n + 2;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int row = i * n + j;
                int p = (i + 1) * m + j + 1;
                for (int s = 0; s < 9; s++) {
                    int ii = i + s / 3 - 1;
                    int jj = j + s % 3 - 1;
                    int col = ii * n + jj;
                    if (ii >= 0 && ii < n && jj >= 0 && jj < n && col <= row && col > 0) {
                        l[row * (band + 1) + row - col] = a[9 * p + s];
                    }
                }
            }
        }
        l[0] = 1.0;
        for (int r = 0; r < size; r++) {
            int lo = Math.max(0, r - band);
            for (int c = lo; c <= r; c++) {
                double s = l[r * (band + 1) + r - c];
                for (int q = Math.max(lo, c - band); q < c; q++) {
                    s -= l[r * (band + 1) + r - q] * l[c * (band + 1) + c - q];
                }
                if (c == r) {
                    if (!(s > 0)) {
                        throw new ConvergenceException("coarse Darcy matrix is not positive definite", 0, Double.NaN);
                    }
                    l[r * (band + 1)] = Math.sqrt(s);
                } else {
                    l[r * (band + 1) + r - c] = s / l[c * (band + 1)];
                }
            }
        }
    }

    /**
     * Solves with the pinned factor and removes the mean.
     *
     * @param b padded right-hand side with sum 0; not modified
     * @param x padded solution; modified (interior overwritten)
     * @param y work array of n^2; modified
     */
    void solve(double[] b, double[] x, double[] y) {
        int m = n + 2;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                y[i * n + j] = b[(i + 1) * m + j + 1];
            }
        }
        y[0] = 0.0;
        for (int r = 0; r < size; r++) {
            double s = y[r];
            for (int c = Math.max(0, r - band); c < r; c++) {
                s -= l[r * (band + 1) + r - c] * y[c];
            }
            y[r] = s / l[r * (band + 1)];
        }
        for (int r = size - 1; r >= 0; r--) {
            double s = y[r];
            for (int c = r + 1; c <= Math.min(size - 1, r + band); c++) {
                s -= l[c * (band + 1) + c - r] * y[c];
            }
            y[r] = s / l[r * (band + 1)];
        }
        double mean = 0;
        for (int q = 0; q < size; q++) {
            mean += y[q];
        }
        mean /= size;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                x[(i + 1) * m + j + 1] = y[i * n + j] - mean;
            }
        }
    }
}
