package org.fieldvae.darcy;

import java.util.Arrays;

/**
 * Geometric multigrid V-cycle used as the preconditioner of CG for the singular Neumann system.
 *
 * <p>Levels: n_0 = n, n_{l+1} = (n_l + 1) / 2 while n_l is odd and > 3 (all the way to 3 x 3 for n = 2^k + 1).
 * Interpolation P is bilinear from the coarse nodes (every other fine node) and restriction is P^T; the coarse
 * operators are Galerkin products A_{l+1} = P^T A_l P (9-point stencils), which keeps them symmetric, keeps
 * the constants as their null space (P 1 = 1) and follows jumps of K well enough for contrasts of e^{+-6}
 * (Alcouffe, Brandt, Dendy, Painter, SIAM J. Sci. Stat. Comput. 2 (1981) 430). Smoothing: multicolour
 * Gauss-Seidel sweeps (red-black on the 5-point finest level, four colours on the 9-point coarse ones) before,
 * and as many sweeps in reverse colour order after, the coarse correction, so that the V-cycle is a symmetric
 * operator as CG needs. One sweep on the finest level, two on the cheaper coarse ones: 12 CG iterations at
 * 65 x 65 on unit-variance log-normal K, 14 with one everywhere and no fewer with two on the finest level. The coarsest level is solved directly ({@link BandedCholesky});
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
    /** Scratch of {@link #galerkin}, sized for the second level. */
    private final double[] couplings;

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
        couplings = new double[count > 1 ? 4 * (size[1] + 2) * (size[1] + 2) : 0];
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
        linkWeights(a0, FiniteVolume.EAST, fineEast);
        linkWeights(a0, FiniteVolume.NORTH, fineNorth);
        for (int p = 0; p < fineDiag.length; p++) {
            fineDiag[p] = a0[9 * p + FiniteVolume.CENTRE];
        }
        for (int l = 0; l + 1 < levels; l++) {
            if (l == 0) {
                galerkin5(size[l], fineEast, fineNorth, size[l + 1], stencil[l + 1], couplings);
            } else {
                galerkin(size[l], stencil[l], size[l + 1], stencil[l + 1], couplings);
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
        int n = size[0];
        int m = n + 2;
        double mean = interiorSum(n, x[0]) / ((double) n * n);
        for (int i = 1; i <= n; i++) {
            for (int p = i * m + 1; p <= i * m + n; p++) {
                z[p] = x[0][p] - mean;
            }
        }
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
            fineResidualAfterSweep(b[l], x[l], r[l]);
        } else {
            FiniteVolume.apply(n, stencil[l], x[l], r[l]);
            subtractFrom(n, b[l], r[l]);
        }
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

    private static double interiorSum(int n, double[] v) {
        int m = n + 2;
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            for (int p = i * m + 1; p <= i * m + n; p++) {
                sum += v[p];
            }
        }
        return sum;
    }

    static void removeMean(int n, double[] v) {
        int m = n + 2;
        double mean = interiorSum(n, v) / ((double) n * n);
        for (int i = 1; i <= n; i++) {
            for (int p = i * m + 1; p <= i * m + n; p++) {
                v[p] -= mean;
            }
        }
    }

    /**
     * One four-colour Gauss-Seidel sweep: the nodes of colour 2 (i mod 2) + (j mod 2) are relaxed together, in
     * colour order 0, 1, 2, 3 forward and 3, 2, 1, 0 backward (the adjoint sweep, so that the V-cycle stays
     * symmetric). No 9-point stencil couples two nodes of one colour, so each colour is a Jacobi step on
     * independent nodes: the loop has no dependency chain, which makes it several times faster than a
     * lexicographic sweep, and it smooths as well (Trottenberg, Oosterlee, Schueller, Multigrid, 2001, 4.1).
     *
     * @param a        stencil; not modified
     * @param invDiag  1 / a_kk on the padded grid; not modified
     * @param bb       right-hand side; not modified
     * @param xx       iterate; modified
     */
    static void gaussSeidel(int n, double[] a, double[] invDiag, double[] bb, double[] xx, boolean forward) {
        int m = n + 2;
        for (int k = 0; k < 4; k++) {
            int colour = forward ? k : 3 - k;
            for (int i = 1 + (colour >> 1); i <= n; i += 2) {
                for (int p = i * m + 1 + (colour & 1); p <= i * m + n; p += 2) {
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
        for (int i = 1; i <= n; i++) {
            for (int p = i * m + 1; p <= i * m + n; p++) {
                y[p] = applyFineAt(xx, m, p);
            }
        }
    }

    /** @return (A x)_p of {@link #applyFine} */
    private double applyFineAt(double[] xx, int m, int p) {
        double[] e = fineEast;
        double[] no = fineNorth;
        return fineDiag[p] * xx[p] - e[p] * xx[p + m] - e[p - m] * xx[p - m] - no[p] * xx[p + 1] - no[p - 1] * xx[p - 1];
    }

    /**
     * rr = bb - A xx on the finest level right after a forward red-black sweep: the black nodes, relaxed last,
     * satisfy their equations, so their residual is 0 (to round-off) and only the red nodes' is computed.
     */
    private void fineResidualAfterSweep(double[] bb, double[] xx, double[] rr) {
        int n = size[0];
        int m = n + 2;
        for (int i = 1; i <= n; i++) {
            int last = i * m + n;
            for (int p = i * m + 1 + (i & 1); p <= last; p += 2) {
                rr[p] = 0.0;
            }
            for (int p = i * m + 1 + ((i + 1) & 1); p <= last; p += 2) {
                rr[p] = bb[p] - applyFineAt(xx, m, p);
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

    /**
     * A red-black Gauss-Seidel sweep for the finest (5-point) operator given by its link weights (see
     * {@link #applyFine}): red nodes (i + j even) first when forward, black first when backward. As in
     * {@link #gaussSeidel}, the nodes of one colour are independent.
     */
    static void gaussSeidel5(int n, double[] e, double[] no, double[] invDiag, double[] bb, double[] xx,
                             boolean forward) {
        int m = n + 2;
        for (int k = 0; k < 2; k++) {
            int colour = forward ? k : 1 - k;
            for (int i = 1; i <= n; i++) {
                for (int p = i * m + 1 + ((i + 1 + colour) & 1); p <= i * m + n; p += 2) {
                    xx[p] = (bb[p] + e[p] * xx[p + m] + e[p - m] * xx[p - m] + no[p] * xx[p + 1]
                        + no[p - 1] * xx[p - 1]) * invDiag[p];
                }
            }
        }
    }

    /** Forward links (di, dj) of a node: east, north, north-east, south-east; with their stencil slots. */
    private static final int[][] LINKS = {{1, 0, FiniteVolume.EAST}, {0, 1, FiniteVolume.NORTH}, {1, 1, 8}, {1, -1, 6}};

    /**
     * The six pairs (c, d) of a 2 x 2 coarse window, c = 2 di + dj, with the forward link that joins them:
     * its origin's offset (di, dj) in the window and its index in {@link #LINKS}.
     */
    private static final int[][] PAIRS = {{0, 2, 0, 0, 0}, {1, 3, 0, 1, 0}, {0, 1, 0, 0, 1}, {2, 3, 1, 0, 1},
        {0, 3, 0, 0, 2}, {1, 2, 0, 1, 3}};

    /** v_c v_d of each of the {@link #PAIRS}, for each link type and parity 2 (fi & 1) + (fj & 1). */
    private static final double[][][] PAIR_PRODUCTS = pairProducts();

    /**
     * A_c = P^T A_f P for bilinear P. A symmetric stencil with zero row sums is a sum over links,
     * A = sum_{k<l} w_kl (e_k - e_l)(e_k - e_l)^T with w_kl = -a_kl, so
     * P^T A P = sum w_kl v v^T with v = P^T e_k - P^T e_l, which lives on a 2 x 2 window of coarse nodes.
     * As the entries of v sum to 0, w v v^T couples the window's nodes c != d by w v_c v_d and puts
     * -sum_{d != c} w v_c v_d on the diagonal. So each fine link adds to six coarse couplings, and each coarse
     * centre is minus the sum of its node's couplings: the rows sum to 0 (the constants stay the null space)
     * and the operator is exactly symmetric.
     *
     * @param af        fine stencil, symmetric with zero row sums; not modified
     * @param ac        coarse stencil; modified (overwritten)
     * @param couplings scratch of at least 4 (nc + 2)^2 values: the coarse off-diagonal entries by forward link
     */
    static void galerkin(int nf, double[] af, int nc, double[] ac, double[] couplings) {
        int mf = nf + 2;
        int mc = nc + 2;
        Arrays.fill(couplings, 0, 4 * mc * mc, 0.0);
        int[] pairOffset = new int[PAIRS.length];
        for (int k = 0; k < PAIRS.length; k++) {
            pairOffset[k] = 4 * (PAIRS[k][2] * mc + PAIRS[k][3]) + PAIRS[k][4];
        }
        for (int fi = 0; fi < nf; fi++) {
            for (int fj = 0; fj < nf; fj++) {
                int pf = (fi + 1) * mf + fj + 1;
                int parity = 2 * (fi & 1) + (fj & 1);
                for (int t = 0; t < LINKS.length; t++) {
                    double w = -af[9 * pf + LINKS[t][2]];
                    if (w != 0.0) {
                        int i0 = Math.min(fi, fi + LINKS[t][0]) >> 1;
                        int j0 = Math.min(fj, fj + LINKS[t][1]) >> 1;
                        int origin = 4 * ((i0 + 1) * mc + j0 + 1);
                        double[] products = PAIR_PRODUCTS[t][parity];
                        for (int k = 0; k < PAIRS.length; k++) {
                            // a product of 0 adds +-0 to a coupling that starts at +0, which leaves it +0
                            couplings[origin + pairOffset[k]] += w * products[k];
                        }
                    }
                }
            }
        }
        stencilFromCouplings(nc, couplings, ac);
    }

    /**
     * {@link #galerkin} for a 5-point fine stencil, summed per coarse link rather than scattered per fine link
     * (about ten times faster on the finest level, where most of the work is). With e(fi, fj) and n(fi, fj)
     * the weights of the fine links to (fi+1, fj) and (fi, fj+1) (zero outside the grid), F = (2I, 2J) and the
     * v of {@link #galerkin} (1/2, -1/2 along a link through coarse nodes, 1/4 (1, 1, -1, -1) across):
     * <pre>
     * E(I,J)  = -(e(F) + e(F+(1,0)))/4 - (e(F+(0,1)) + e(F+(1,1)) + e(F-(0,1)) + e(F+(1,-1)))/16
     *           + (n(F+(1,0)) + n(F+(1,1)) + n(F+(1,-2)) + n(F+(1,-1)))/16
     * NE(I,J) = -(e(F+(0,1)) + e(F+(1,1)) + n(F+(1,0)) + n(F+(1,1)))/16
     * SE(I,J) = -(e(F-(0,1)) + e(F+(1,-1)) + n(F+(1,-2)) + n(F+(1,-1)))/16
     * </pre>
     * and N(I,J) is E(I,J) with the axes (and e, n) swapped.
     *
     * @param east  e on the padded fine grid, zero ring (see {@link #linkWeights}); not modified
     * @param north n on the padded fine grid, zero ring; not modified
     * @param ac    coarse stencil; modified (overwritten)
     */
    static void galerkin5(int nf, double[] east, double[] north, int nc, double[] ac, double[] couplings) {
        int mf = nf + 2;
        int mc = nc + 2;
        Arrays.fill(couplings, 0, 4 * mc * mc, 0.0);
        for (int ci = 0; ci < nc; ci++) {
            for (int cj = 0; cj < nc; cj++) {
                int q = 4 * ((ci + 1) * mc + cj + 1);
                // F = (2 ci, 2 cj) and the row below it; links that leave the grid read the zero ring, except
                // those two nodes away, which only the first coarse row and column would reach
                int f = (2 * ci + 1) * mf + 2 * cj + 1;
                int g = f + mf;
                boolean hasEast = ci + 1 < nc;
                boolean hasNorth = cj + 1 < nc;
                double northTwoBack = cj > 0 ? north[g - 2] : 0.0;
                double eastTwoUp = ci > 0 ? east[f - 2 * mf + 1] : 0.0;
                if (hasEast) {
                    couplings[q] = -0.25 * (east[f] + east[g])
                        - 0.0625 * (east[f + 1] + east[g + 1] + east[f - 1] + east[g - 1])
                        + 0.0625 * (north[g] + north[g + 1] + northTwoBack + north[g - 1]);
                }
                if (hasNorth) {
                    couplings[q + 1] = -0.25 * (north[f] + north[f + 1])
                        - 0.0625 * (north[g] + north[g + 1] + north[f - mf] + north[f - mf + 1])
                        + 0.0625 * (east[f + 1] + east[g + 1] + eastTwoUp + east[f - mf + 1]);
                }
                if (hasEast && hasNorth) {
                    couplings[q + 2] = -0.0625 * (east[f + 1] + east[g + 1] + north[g] + north[g + 1]);
                }
                if (hasEast && cj > 0) {
                    couplings[q + 3] = -0.0625 * (east[f - 1] + east[g - 1] + northTwoBack + north[g - 1]);
                }
            }
        }
        stencilFromCouplings(nc, couplings, ac);
    }

    /**
     * @param a   stencil on the padded grid; not modified
     * @param out -a[slot] at every padded node: the weights of the links to one neighbour; modified
     */
    static void linkWeights(double[] a, int slot, double[] out) {
        for (int p = 0; p < out.length; p++) {
            out[p] = -a[9 * p + slot];
        }
    }

    /** Writes the 9-point stencil whose off-diagonal entries are the couplings and whose rows sum to 0. */
    private static void stencilFromCouplings(int nc, double[] couplings, double[] ac) {
        Arrays.fill(ac, 0.0);
        int mc = nc + 2;
        for (int i = 1; i <= nc; i++) {
            for (int q = i * mc + 1; q <= i * mc + nc; q++) {
                int s = 9 * q;
                ac[s + 7] = couplings[4 * q];
                ac[s + 1] = couplings[4 * (q - mc)];
                ac[s + 5] = couplings[4 * q + 1];
                ac[s + 3] = couplings[4 * (q - 1) + 1];
                ac[s + 8] = couplings[4 * q + 2];
                ac[s] = couplings[4 * (q - mc - 1) + 2];
                ac[s + 6] = couplings[4 * q + 3];
                ac[s + 2] = couplings[4 * (q - mc + 1) + 3];
                ac[s + 4] = -(ac[s] + ac[s + 1] + ac[s + 2] + ac[s + 3] + ac[s + 5] + ac[s + 6] + ac[s + 7]
                    + ac[s + 8]);
            }
        }
    }

    private static double[][][] pairProducts() {
        double[][][] table = new double[LINKS.length][4][PAIRS.length];
        double[] w2 = new double[8];
        double[] v = new double[4];
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
                    v[c] = w2[c >> 1] * w2[2 + (c & 1)] - w2[4 + (c >> 1)] * w2[6 + (c & 1)];
                }
                for (int k = 0; k < PAIRS.length; k++) {
                    table[t][parity][k] = v[PAIRS[k][0]] * v[PAIRS[k][1]];
                }
            }
        }
        return table;
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
     * x_f += P x_c, bilinear: a fine node on a coarse node (even fi, even fj) takes its value, a node between two
     * coarse nodes their mean, and a node in the middle of a coarse cell the mean of its four corners.
     *
     * @param xc coarse correction; not modified
     * @param xf fine iterate; modified
     */
    static void interpolateAdd(int nc, double[] xc, int nf, double[] xf) {
        int mf = nf + 2;
        int mc = nc + 2;
        for (int ci = 0; ci < nc; ci++) {
            int c = (ci + 1) * mc + 1;
            int even = (2 * ci + 1) * mf + 1;
            int odd = even + mf;
            boolean oddRow = 2 * ci + 1 < nf;
            for (int cj = 0; cj < nc; cj++) {
                double here = xc[c + cj];
                xf[even + 2 * cj] += here;
                if (oddRow) {
                    xf[odd + 2 * cj] += 0.5 * (here + xc[c + cj + mc]);
                }
                if (cj + 1 < nc) {
                    double next = xc[c + cj + 1];
                    xf[even + 2 * cj + 1] += 0.5 * (here + next);
                    if (oddRow) {
                        xf[odd + 2 * cj + 1] += 0.25 * (here + next + xc[c + cj + mc] + xc[c + cj + 1 + mc]);
                    }
                }
            }
        }
    }
}
