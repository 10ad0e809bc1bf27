package org.fieldvae.darcy;

import java.util.Arrays;

/**
 * Geometric multigrid V-cycle used as the preconditioner of CG for the singular Neumann system.
 *
 * <p>Levels: n_0 = n, n_{l+1} = (n_l + 1) / 2 while n_l is odd and > 3 (all the way to 3 x 3 for n = 2^k + 1).
 * Interpolation P is bilinear from the coarse nodes (every other fine node) and restriction is P^T; the coarse
 * operators are Galerkin products A_{l+1} = P^T A_l P (9-point stencils), which keeps them symmetric, keeps
 * the constants as their null space (P 1 = 1) and follows jumps of K well enough for contrasts of e^{+-6}
 * (Alcouffe, Brandt, Dendy, Painter, SIAM J. Sci. Stat. Comput. 2 (1981) 430). Smoothing: forward
 * Gauss-Seidel sweeps before and as many backward sweeps after the coarse correction (one on the finest
 * level, two on the cheaper coarse ones: 12 CG iterations at 65 x 65 against 15 with one everywhere), so the
 * V-cycle is a symmetric operator as CG needs. The coarsest level is solved directly ({@link BandedCholesky});
 * when n is not 2^k + 1 that level is simply larger (n even: the whole grid).
 */
final class Multigrid {
    /** Gauss-Seidel sweeps before and after the coarse correction. */
    private static final int SWEEPS = 1;
    /** Sweeps on the coarser levels, where they are cheap. */
    private static final int COARSE_SWEEPS = 2;

    private final int levels;
    private final int[] size;
    private final double[][] stencil;
    private final double[][] invDiag;
    /** The finest operator as link weights: w to the east (i+1) and north (j+1) neighbour, and the diagonal. */
    private final double[] fineEast;
    private final double[] fineNorth;
    private final double[] fineDiag;
    private final double[][] x;
    private final double[][] b;
    private final double[][] r;
    private final BandedCholesky coarse;
    private final double[] coarseWork;

    Multigrid(int n) {
        int count = 1;
        for (int m = n; m % 2 == 1 && m > 3; m = (m + 1) / 2) {
            count++;
        }
        levels = count;
        size = new int[count];
        stencil = new double[count][];
        invDiag = new double[count][];
        x = new double[count][];
        b = new double[count][];
        r = new double[count][];
        int m = n;
        for (int l = 0; l < count; l++) {
            size[l] = m;
            int padded = (m + 2) * (m + 2);
            stencil[l] = new double[9 * padded];
            invDiag[l] = new double[padded];
            x[l] = new double[padded];
            b[l] = new double[padded];
            r[l] = new double[padded];
            m = (m + 1) / 2;
        }
        int paddedFine = (n + 2) * (n + 2);
        fineEast = new double[paddedFine];
        fineNorth = new double[paddedFine];
        fineDiag = new double[paddedFine];
        coarse = new BandedCholesky(size[count - 1]);
        coarseWork = new double[size[count - 1] * size[count - 1]];
    }

    /** @return the finest level's stencil, to be filled by {@link FiniteVolume#assemble} before {@link #setup} */
    double[] fineStencil() {
        return stencil[0];
    }

    int levels() {
        return levels;
    }

    /** Builds the Galerkin coarse operators and factors the coarsest one. */
    void setup() {
        double[] a0 = stencil[0];
        for (int p = 0; p < fineDiag.length; p++) {
            fineEast[p] = -a0[9 * p + FiniteVolume.EAST];
            fineNorth[p] = -a0[9 * p + FiniteVolume.NORTH];
            fineDiag[p] = a0[9 * p + FiniteVolume.CENTRE];
        }
        for (int l = 0; l + 1 < levels; l++) {
            if (l == 0) {
                galerkin5(size[l], stencil[l], size[l + 1], stencil[l + 1]);
            } else {
                galerkin(size[l], stencil[l], size[l + 1], stencil[l + 1]);
            }
        }
        for (int l = 0; l + 1 < levels; l++) {
            double[] a = stencil[l];
            double[] d = invDiag[l];
            for (int p = 0; p < d.length; p++) {
                d[p] = a[9 * p + FiniteVolume.CENTRE] == 0.0 ? 0.0 : 1.0 / a[9 * p + FiniteVolume.CENTRE];
            }
        }
        coarse.factor(stencil[levels - 1]);
    }

    /**
     * z = M r with M one V-cycle (approximately A^+), then the mean of z removed.
     *
     * @param rhs padded residual with sum 0; not modified
     * @param z   padded output; modified
     */
    void precondition(double[] rhs, double[] z) {
        System.arraycopy(rhs, 0, b[0], 0, rhs.length);
        cycle(0);
        System.arraycopy(x[0], 0, z, 0, z.length);
        removeMean(size[0], z);
    }

    private void cycle(int l) {
        int n = size[l];
        if (l == levels - 1) {
            removeMean(n, b[l]);
            coarse.solve(b[l], x[l], coarseWork);
            return;
        }
        Arrays.fill(x[l], 0.0);
        for (int s = 0; s < sweeps(l); s++) {
            smooth(l, true);
        }
        if (l == 0) {
            applyFine(x[l], r[l]);
        } else {
            FiniteVolume.apply(n, stencil[l], x[l], r[l]);
        }
        subtractFrom(n, b[l], r[l]);
        restrict(n, r[l], size[l + 1], b[l + 1]);
        cycle(l + 1);
        interpolateAdd(size[l + 1], x[l + 1], n, x[l]);
        for (int s = 0; s < sweeps(l); s++) {
            smooth(l, false);
        }
    }

    private static int sweeps(int l) {
        return l == 0 ? SWEEPS : COARSE_SWEEPS;
    }

    private void smooth(int l, boolean forward) {
        if (l == 0) {
            gaussSeidel5(size[l], fineEast, fineNorth, invDiag[l], b[l], x[l], forward);
        } else {
            gaussSeidel(size[l], stencil[l], invDiag[l], b[l], x[l], forward);
        }
    }

    /** r = b - r on the interior. */
    private static void subtractFrom(int n, double[] bb, double[] rr) {
        int m = n + 2;
        for (int i = 1; i <= n; i++) {
            for (int p = i * m + 1; p <= i * m + n; p++) {
                rr[p] = bb[p] - rr[p];
            }
        }
    }

    static void removeMean(int n, double[] v) {
        int m = n + 2;
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            for (int p = i * m + 1; p <= i * m + n; p++) {
                sum += v[p];
            }
        }
        double mean = sum / ((double) n * n);
        for (int i = 1; i <= n; i++) {
            for (int p = i * m + 1; p <= i * m + n; p++) {
                v[p] -= mean;
            }
        }
    }

    /**
     * One Gauss-Seidel sweep, lexicographic forward or backward.
     *
     * @param a        stencil; not modified
     * @param invDiag  1 / a_kk on the padded grid; not modified
     * @param bb       right-hand side; not modified
     * @param xx       iterate; modified
     */
    static void gaussSeidel(int n, double[] a, double[] invDiag, double[] bb, double[] xx, boolean forward) {
        int m = n + 2;
        for (int ii = 1; ii <= n; ii++) {
            int i = forward ? ii : n + 1 - ii;
            int first = i * m + 1;
            int last = i * m + n;
            if (forward) {
                for (int p = first; p <= last; p++) {
                    relax(a, invDiag, bb, xx, m, p);
                }
            } else {
                for (int p = last; p >= first; p--) {
                    relax(a, invDiag, bb, xx, m, p);
                }
            }
        }
    }

    private static void relax(double[] a, double[] invDiag, double[] bb, double[] xx, int m, int p) {
        int s = 9 * p;
        xx[p] = (bb[p] - (a[s] * xx[p - m - 1] + a[s + 1] * xx[p - m] + a[s + 2] * xx[p - m + 1]
            + a[s + 3] * xx[p - 1] + a[s + 5] * xx[p + 1]
            + a[s + 6] * xx[p + m - 1] + a[s + 7] * xx[p + m] + a[s + 8] * xx[p + m + 1])) * invDiag[p];
    }

    /**
     * y = A x for the finest (5-point) operator, from its link weights: with e = east and n = north weights,
     * (A x)_p = d_p x_p - e_p x_{p+m} - e_{p-m} x_{p-m} - n_p x_{p+1} - n_{p-1} x_{p-1}.
     *
     * @param xx padded vector with zero ring; not modified
     * @param y  padded vector; modified (interior overwritten)
     */
    void applyFine(double[] xx, double[] y) {
        int n = size[0];
        int m = n + 2;
        double[] e = fineEast;
        double[] no = fineNorth;
        double[] d = fineDiag;
        for (int i = 1; i <= n; i++) {
            for (int p = i * m + 1; p <= i * m + n; p++) {
                y[p] = d[p] * xx[p] - e[p] * xx[p + m] - e[p - m] * xx[p - m] - no[p] * xx[p + 1] - no[p - 1] * xx[p - 1];
            }
        }
    }

    /**
     * @param xx padded vector with zero ring; not modified
     * @return || |A| |x| ||_2, the scale of the rounding errors in A x
     */
    double absApplyNorm(double[] xx) {
        int n = size[0];
        int m = n + 2;
        double[] e = fineEast;
        double[] no = fineNorth;
        double[] d = fineDiag;
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            for (int p = i * m + 1; p <= i * m + n; p++) {
                double y = d[p] * Math.abs(xx[p]) + e[p] * Math.abs(xx[p + m]) + e[p - m] * Math.abs(xx[p - m])
                    + no[p] * Math.abs(xx[p + 1]) + no[p - 1] * Math.abs(xx[p - 1]);
                sum += y * y;
            }
        }
        return Math.sqrt(sum);
    }

    /** As {@link #gaussSeidel} for the finest operator given by its link weights (see {@link #applyFine}). */
    static void gaussSeidel5(int n, double[] e, double[] no, double[] invDiag, double[] bb, double[] xx,
                             boolean forward) {
        int m = n + 2;
        for (int ii = 1; ii <= n; ii++) {
            int i = forward ? ii : n + 1 - ii;
            int first = i * m + 1;
            int last = i * m + n;
            if (forward) {
                for (int p = first; p <= last; p++) {
                    xx[p] = (bb[p] + e[p] * xx[p + m] + e[p - m] * xx[p - m] + no[p] * xx[p + 1]
                        + no[p - 1] * xx[p - 1]) * invDiag[p];
                }
            } else {
                for (int p = last; p >= first; p--) {
                    xx[p] = (bb[p] + e[p] * xx[p + m] + e[p - m] * xx[p - m] + no[p] * xx[p + 1]
                        + no[p - 1] * xx[p - 1]) * invDiag[p];
                }
            }
        }
    }

    /** Forward links (di, dj) of a node: east, north, north-east, south-east; with their stencil slots. */
    private static final int[][] LINKS = {{1, 0, FiniteVolume.EAST}, {0, 1, FiniteVolume.NORTH}, {1, 1, 8}, {1, -1, 6}};

    /**
     * A_c = P^T A_f P for bilinear P. A symmetric stencil with zero row sums is a sum over links,
     * A = sum_{k<l} w_kl (e_k - e_l)(e_k - e_l)^T with w_kl = -a_kl, so
     * P^T A P = sum w_kl v v^T with v = P^T e_k - P^T e_l, which lives on a 2 x 2 window of coarse nodes.
     * Building the coarse centre from the links keeps its row sums exactly 0 (the constants stay its null space).
     *
     * @param af fine stencil, symmetric with zero row sums; not modified
     * @param ac coarse stencil; modified (overwritten)
     */
    static void galerkin(int nf, double[] af, int nc, double[] ac) {
        Arrays.fill(ac, 0.0);
        int mf = nf + 2;
        int mc = nc + 2;
        for (int fi = 0; fi < nf; fi++) {
            for (int fj = 0; fj < nf; fj++) {
                int pf = (fi + 1) * mf + fj + 1;
                int parity = 2 * (fi & 1) + (fj & 1);
                for (int t = 0; t < LINKS.length; t++) {
                    double w = -af[9 * pf + LINKS[t][2]];
                    if (w != 0.0) {
                        int i0 = Math.min(fi, fi + LINKS[t][0]) >> 1;
                        int j0 = Math.min(fj, fj + LINKS[t][1]) >> 1;
                        addOuter(ac, mc, i0, j0, LINK_V[t][parity], w);
                    }
                }
            }
        }
    }

    /** v = P^T e_f - P^T e_g on its 2 x 2 window for each link type and parity 2 (fi & 1) + (fj & 1). */
    private static final double[][][] LINK_V = linkVectors();

    private static double[][][] linkVectors() {
        double[][][] table = new double[LINKS.length][4][4];
        double[] w2 = new double[8];
        for (int t = 0; t < LINKS.length; t++) {
            for (int parity = 0; parity < 4; parity++) {
                // a representative fine node of this parity away from the boundary
                int fi = 2 + (parity >> 1);
                int fj = 2 + (parity & 1);
                int gi = fi + LINKS[t][0];
                int gj = fj + LINKS[t][1];
                int i0 = Math.min(fi, gi) >> 1;
                int j0 = Math.min(fj, gj) >> 1;
                parents(fi, i0, w2, 0);
                parents(fj, j0, w2, 2);
                parents(gi, i0, w2, 4);
                parents(gj, j0, w2, 6);
                for (int c = 0; c < 4; c++) {
                    table[t][parity][c] = w2[c >> 1] * w2[2 + (c & 1)] - w2[4 + (c >> 1)] * w2[6 + (c & 1)];
                }
            }
        }
        return table;
    }

    /** The v of an east link (fi, fj)-(fi+1, fj) on the window (fi/2, fj/2), for even and for odd fj. */
    private static final double[] EAST_EVEN = {0.5, 0.0, -0.5, 0.0};
    private static final double[] EAST_ODD = {0.25, 0.25, -0.25, -0.25};
    /** The v of a north link (fi, fj)-(fi, fj+1), for even and for odd fi. */
    private static final double[] NORTH_EVEN = {0.5, -0.5, 0.0, 0.0};
    private static final double[] NORTH_ODD = {0.25, -0.25, 0.25, -0.25};

    /**
     * {@link #galerkin} for a 5-point fine stencil: for an axis-parallel link, v = (1/2, -1/2) along the link
     * times the interpolation weights across it, so v takes one of four fixed forms.
     */
    static void galerkin5(int nf, double[] af, int nc, double[] ac) {
        Arrays.fill(ac, 0.0);
        int mf = nf + 2;
        int mc = nc + 2;
        for (int fi = 0; fi < nf; fi++) {
            for (int fj = 0; fj < nf; fj++) {
                int pf = (fi + 1) * mf + fj + 1;
                if (fi + 1 < nf) {
                    addOuter(ac, mc, fi >> 1, fj >> 1, (fj & 1) == 0 ? EAST_EVEN : EAST_ODD,
                        -af[9 * pf + FiniteVolume.EAST]);
                }
                if (fj + 1 < nf) {
                    addOuter(ac, mc, fi >> 1, fj >> 1, (fi & 1) == 0 ? NORTH_EVEN : NORTH_ODD,
                        -af[9 * pf + FiniteVolume.NORTH]);
                }
            }
        }
    }

    /** out[off + c] = P(f, c0 + c) for c = 0, 1: the 1-D interpolation weights of fine f on the window c0, c0+1. */
    private static void parents(int f, int c0, double[] out, int off) {
        out[off] = 0.0;
        out[off + 1] = 0.0;
        if ((f & 1) == 0) {
            out[off + (f >> 1) - c0] = 1.0;
        } else {
            out[off + (f >> 1) - c0] = 0.5;
            out[off + (f >> 1) + 1 - c0] = 0.5;
        }
    }

    /** ac += w v v^T for v on the coarse window (i0..i0+1) x (j0..j0+1), v[2 di + dj]. */
    private static void addOuter(double[] ac, int mc, int i0, int j0, double[] v, double w) {
        for (int c = 0; c < 4; c++) {
            if (v[c] == 0.0) {
                continue;
            }
            int ci = c >> 1;
            int cj = c & 1;
            int base = 9 * ((i0 + ci + 1) * mc + j0 + cj + 1);
            double wc = w * v[c];
            for (int d = 0; d < 4; d++) {
                if (v[d] != 0.0) {
                    ac[base + 3 * ((d >> 1) - ci + 1) + (d & 1) - cj + 1] += wc * v[d];
                }
            }
        }
    }

    /**
     * b_c = P^T r_f: full weighting (1/4, 1/2, 1/4 in each direction) around each coarse node; the zero ring of
     * the padded fine vector makes the boundary nodes' sums one-sided.
     *
     * @param rf fine residual, zero ring; not modified
     * @param bc coarse right-hand side; modified (interior overwritten)
     */
    static void restrict(int nf, double[] rf, int nc, double[] bc) {
        int mf = nf + 2;
        int mc = nc + 2;
        for (int ci = 0; ci < nc; ci++) {
            for (int cj = 0; cj < nc; cj++) {
                int f = (2 * ci + 1) * mf + 2 * cj + 1;
                bc[(ci + 1) * mc + cj + 1] = rf[f] + 0.5 * (rf[f - 1] + rf[f + 1] + rf[f - mf] + rf[f + mf])
                    + 0.25 * (rf[f - mf - 1] + rf[f - mf + 1] + rf[f + mf - 1] + rf[f + mf + 1]);
            }
        }
    }

    /**
     * x_f += P x_c: each fine node takes 1/4 of the sum over its parent pairs (f/2 twice for even f,
     * (f-1)/2 and (f+1)/2 for odd f), which is bilinear interpolation.
     *
     * @param xc coarse correction; not modified
     * @param xf fine iterate; modified
     */
    static void interpolateAdd(int nc, double[] xc, int nf, double[] xf) {
        int mf = nf + 2;
        int mc = nc + 2;
        for (int fi = 0; fi < nf; fi++) {
            int r0 = ((fi >> 1) + 1) * mc + 1;
            int r1 = (((fi + 1) >> 1) + 1) * mc + 1;
            int out = (fi + 1) * mf + 1;
            for (int fj = 0; fj < nf; fj++) {
                int c0 = fj >> 1;
                int c1 = (fj + 1) >> 1;
                xf[out + fj] += 0.25 * (xc[r0 + c0] + xc[r0 + c1] + xc[r1 + c0] + xc[r1 + c1]);
            }
        }
    }
}
