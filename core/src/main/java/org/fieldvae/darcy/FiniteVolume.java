package org.fieldvae.darcy;

import java.util.Arrays;

/**
 * Vertex-centred finite volumes for -div(K grad p) = f with K grad p . n = 0 on the unit square's boundary.
 *
 * <p>Node (i,j) sits at (i h, j h), h = 1/(n-1). Its dual cell is [x_i - h/2, x_i + h/2] x [x_j - h/2, x_j + h/2]
 * clipped to the square: area h^2 c_i c_j with c_i = 1/2 on the boundary and 1 inside. The flux across the
 * face between nodes (i,j) and (i+1,j) is K_f (p_ij - p_i+1,j) / h times the face length h c_j, i.e.
 * T = K_f c_j (p_ij - p_i+1,j), and likewise in x2. The balance of cell k reads
 * <pre>  sum_faces T_kl (p_k - p_l) = b_k = integral of f over cell k,</pre>
 * a symmetric positive semi-definite 5-point system whose null space is the constants. It is second-order
 * accurate (Eymard, Gallouët, Herbin, "Finite volume methods", Handbook of Numerical Analysis VII, 2000).
 *
 * <p>K_f is the harmonic mean 2 K_a K_b / (K_a + K_b) of the two nodal values: it is the exact conductance of two
 * half-segments of constant K in series, so the flux stays continuous and a thin low-K barrier is not
 * bridged as the arithmetic mean would do; for smooth K it agrees with K at the face midpoint to O(h^2).
 *
 * <p>Vectors are stored on the padded (n+2) x (n+2) grid, index (i+1)(n+2) + (j+1), with a ring of zeros;
 * 9-point stencils are stored as a[9 k + s], s = 3 (di+1) + (dj+1) for the neighbour (i+di, j+dj).
 */
final class FiniteVolume {
    /** Stencil slot of the neighbour (i+1, j), (i-1, j), (i, j+1), (i, j-1) and the centre. */
    static final int EAST = 7;
    static final int WEST = 1;
    static final int NORTH = 5;
    static final int SOUTH = 3;
    static final int CENTRE = 4;

    private FiniteVolume() {
    }

    static double spacing(int n) {
        return 1.0 / (n - 1);
    }

    /** @return c_i: 1/2 on the boundary nodes, 1 inside; the dual cell of (i,j) has area h^2 c_i c_j */
    static double[] cellWeights(int n) {
        double[] c = new double[n];
        Arrays.fill(c, 1.0);
        c[0] = 0.5;
        c[n - 1] = 0.5;
        return c;
    }

    static double harmonicMean(double a, double b) {
        return 2 * a * (b / (a + b));
    }

    /**
     * Assembles the 5-point operator (as a 9-point stencil with zero corners).
     *
     * @param k nodal permeability [i][j], n x n, > 0; not modified
     * @param a stencil on the padded grid, 9 (n+2)^2; modified (overwritten)
     */
    static void assemble(int n, double[][] k, double[] a) {
        Arrays.fill(a, 0.0);
        double[] c = cellWeights(n);
        int m = n + 2;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int p = (i + 1) * m + j + 1;
                if (i + 1 < n) {
                    link(a, p, p + m, EAST, WEST, harmonicMean(k[i][j], k[i + 1][j]) * c[j]);
                }
                if (j + 1 < n) {
                    link(a, p, p + 1, NORTH, SOUTH, harmonicMean(k[i][j], k[i][j + 1]) * c[i]);
                }
            }
        }
    }

    private static void link(double[] a, int p, int q, int slotPQ, int slotQP, double t) {
        a[9 * p + CENTRE] += t;
        a[9 * q + CENTRE] += t;
        a[9 * p + slotPQ] -= t;
        a[9 * q + slotQP] -= t;
    }

    /**
     * y = A x for a 9-point stencil on the padded grid.
     *
     * @param a stencil, 9 (n+2)^2; not modified
     * @param x padded vector with zero ring; not modified
     * @param y padded vector; modified (interior overwritten)
     */
    static void apply(int n, double[] a, double[] x, double[] y) {
        int m = n + 2;
        for (int i = 1; i <= n; i++) {
            for (int p = i * m + 1; p <= i * m + n; p++) {
                int s = 9 * p;
                y[p] = a[s] * x[p - m - 1] + a[s + 1] * x[p - m] + a[s + 2] * x[p - m + 1]
                    + a[s + 3] * x[p - 1] + a[s + 4] * x[p] + a[s + 5] * x[p + 1]
                    + a[s + 6] * x[p + m - 1] + a[s + 7] * x[p + m] + a[s + 8] * x[p + m + 1];
            }
        }
    }

    /**
     * Nodal velocities from the face velocities v = -K_f (p_l - p_k) / h: inside, the mean of the two faces
     * on either side of the node (second order at the node); on a boundary the normal component is exactly
     * 0 and the tangential one is the same mean along the boundary row.
     *
     * @param k  nodal permeability [i][j]; not modified
     * @param p  nodal pressure [i][j]; not modified
     * @param u1 u_x1 [i][j]; modified
     * @param u2 u_x2 [i][j]; modified
     */
    static void velocities(int n, double[][] k, double[][] p, double[][] u1, double[][] u2) {
        double h = spacing(n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == 0 || i == n - 1) {
                    u1[i][j] = 0.0;
                } else {
                    double west = -harmonicMean(k[i - 1][j], k[i][j]) * (p[i][j] - p[i - 1][j]) / h;
                    double east = -harmonicMean(k[i][j], k[i + 1][j]) * (p[i + 1][j] - p[i][j]) / h;
                    u1[i][j] = 0.5 * (west + east);
                }
                if (j == 0 || j == n - 1) {
                    u2[i][j] = 0.0;
                } else {
                    double south = -harmonicMean(k[i][j - 1], k[i][j]) * (p[i][j] - p[i][j - 1]) / h;
                    double north = -harmonicMean(k[i][j], k[i][j + 1]) * (p[i][j + 1] - p[i][j]) / h;
                    u2[i][j] = 0.5 * (south + north);
                }
            }
        }
    }
}
