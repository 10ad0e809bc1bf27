package org.fieldvae.darcy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Checks the multigrid preconditioner of the Eq. 15 solver against dense algebra; docs/equations.md. */
class MultigridTest {
    private static final int NF = 9;
    private static final int NC = 5;

    /** Dense matrix of a padded 9-point stencil, unknowns q = i n + j. */
    private static double[][] dense(int n, double[] a) {
        double[][] d = new double[n * n][n * n];
        int m = n + 2;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int s = 0; s < 9; s++) {
                    int ii = i + s / 3 - 1;
                    int jj = j + s % 3 - 1;
                    double v = a[9 * ((i + 1) * m + j + 1) + s];
                    if (ii >= 0 && ii < n && jj >= 0 && jj < n) {
                        d[i * n + j][ii * n + jj] = v;
                    } else {
                        assertEquals(0.0, v, "stencil entry outside the grid");
                    }
                }
            }
        }
        return d;
    }

    /** Bilinear interpolation from the nc x nc to the nf x nf grid, written from its definition. */
    private static double[][] interpolation(int nf, int nc) {
        double[][] p = new double[nf * nf][nc * nc];
        for (int fi = 0; fi < nf; fi++) {
            for (int fj = 0; fj < nf; fj++) {
                for (int ci = 0; ci < nc; ci++) {
                    for (int cj = 0; cj < nc; cj++) {
                        double wi = Math.max(0, 1 - Math.abs(fi - 2.0 * ci) / 2);
                        double wj = Math.max(0, 1 - Math.abs(fj - 2.0 * cj) / 2);
                        p[fi * nf + fj][ci * nc + cj] = wi * wj;
                    }
                }
            }
        }
        return p;
    }

    private static double[] fineStencil() {
        double[][] k = DarcySolverTest.randomPermeability(NF, 42);
        double[] a = new double[9 * (NF + 2) * (NF + 2)];
        FiniteVolume.assemble(NF, k, a);
        return a;
    }

    private static double[][] tripleProduct(int nf, double[] af, int nc) {
        double[][] a = dense(nf, af);
        double[][] p = interpolation(nf, nc);
        double[][] expected = new double[nc * nc][nc * nc];
        for (int c = 0; c < nc * nc; c++) {
            for (int d = 0; d < nc * nc; d++) {
                double s = 0;
                for (int f = 0; f < nf * nf; f++) {
                    for (int g = 0; g < nf * nf; g++) {
                        s += p[f][c] * a[f][g] * p[g][d];
                    }
                }
                expected[c][d] = s;
            }
        }
        return expected;
    }

    private static void assertStencilEquals(double[][] expected, int nc, double[] ac, String what) {
        double[][] got = dense(nc, ac);
        for (int c = 0; c < nc * nc; c++) {
            for (int d = 0; d < nc * nc; d++) {
                assertEquals(expected[c][d], got[c][d], 1e-12 * Math.abs(expected[c][c]), what + " " + c + "," + d);
            }
        }
    }

    @Test
    void galerkinProductsEqualTheDenseTripleProduct() {
        double[] af = fineStencil();
        double[] ac = new double[9 * (NC + 2) * (NC + 2)];
        double[] couplings = new double[4 * (NC + 2) * (NC + 2)];
        double[] ac5 = new double[ac.length];
        Multigrid.galerkin(NF, af, NC, ac, couplings);
        double[] east = new double[(NF + 2) * (NF + 2)];
        double[] north = new double[east.length];
        Multigrid.linkWeights(af, FiniteVolume.EAST, east);
        Multigrid.linkWeights(af, FiniteVolume.NORTH, north);
        Multigrid.galerkin5(NF, east, north, NC, ac5, couplings);
        double[][] expected = tripleProduct(NF, af, NC);
        assertStencilEquals(expected, NC, ac, "generic, from the 5-point stencil");
        assertStencilEquals(expected, NC, ac5, "5-point");
        // the next level starts from a full 9-point stencil (diagonal links)
        double[] acc = new double[9 * 5 * 5];
        Multigrid.galerkin(NC, ac, 3, acc, couplings);
        assertStencilEquals(tripleProduct(NC, ac, 3), 3, acc, "from a 9-point stencil");
    }

    @Test
    void vCyclePreconditionerIsSymmetricAndReducesTheError() {
        int n = 17;
        double[][] k = DarcySolverTest.randomPermeability(n, 7);
        Multigrid mg = new Multigrid(n);
        assertEquals(4, mg.levels());
        FiniteVolume.assemble(n, k, mg.fineStencil());
        mg.setup();
        double[] r1 = randomZeroSum(n, 1);
        double[] r2 = randomZeroSum(n, 2);
        double[] z1 = new double[r1.length];
        double[] z2 = new double[r1.length];
        mg.precondition(r1, z1);
        mg.precondition(r2, z2);
        double a = dot(z1, r2);
        double b = dot(r1, z2);
        assertEquals(a, b, 1e-12 * Math.sqrt(dot(z1, r1) * dot(z2, r2)));
        // one V-cycle from zero: the new residual r1 - A M r1 is much smaller than r1
        double[] az = new double[r1.length];
        mg.applyFine(z1, az);
        double rr = 0;
        for (int p = 0; p < r1.length; p++) {
            rr += (r1[p] - az[p]) * (r1[p] - az[p]);
        }
        assertTrue(Math.sqrt(rr / dot(r1, r1)) < 0.5, "V-cycle residual reduction " + Math.sqrt(rr / dot(r1, r1)));
    }

    @Test
    void interpolationIsBilinearAndRestrictionIsItsTranspose() {
        int mf = NF + 2;
        int mc = NC + 2;
        // P reproduces functions that are bilinear in the node indices exactly
        double[] xc = new double[mc * mc];
        for (int i = 0; i < NC; i++) {
            for (int j = 0; j < NC; j++) {
                xc[(i + 1) * mc + j + 1] = bilinear(2.0 * i, 2.0 * j);
            }
        }
        double[] xf = new double[mf * mf];
        Multigrid.interpolateAdd(NC, xc, NF, xf);
        for (int i = 0; i < NF; i++) {
            for (int j = 0; j < NF; j++) {
                assertEquals(bilinear(i, j), xf[(i + 1) * mf + j + 1], 1e-12, "fine node " + i + "," + j);
            }
        }
        // <R r, x_c> = <r, P x_c> for random r and x_c
        double[] r = randomZeroSum(NF, 3);
        double[] yc = randomZeroSum(NC, 4);
        double[] py = new double[mf * mf];
        Multigrid.interpolateAdd(NC, yc, NF, py);
        double[] rc = new double[mc * mc];
        Multigrid.restrict(NF, r, NC, rc);
        assertEquals(dot(r, py), dot(rc, yc), 1e-12 * Math.sqrt(dot(r, r) * dot(py, py)));
    }

    private static double bilinear(double i, double j) {
        return 0.3 + 0.7 * i - 1.1 * j + 0.05 * i * j;
    }

    private static double[] randomZeroSum(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] r = new double[(n + 2) * (n + 2)];
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= n; j++) {
                r[i * (n + 2) + j] = random.nextGaussian();
            }
        }
        Multigrid.removeMean(n, r);
        return r;
    }

    private static double dot(double[] u, double[] v) {
        double s = 0;
        for (int p = 0; p < u.length; p++) {
            s += u[p] * v[p];
        }
        return s;
    }
}
