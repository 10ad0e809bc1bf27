package org.fieldvae.darcy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldvae.CancelledException;
import org.fieldvae.InvalidInputException;
import org.fieldvae.Progress;
import org.junit.jupiter.api.Test;

/**
 * Checks Eq. 15 (Darcy flow) and Eq. 16 (the wells) of the paper: convergence order, fluxes, symmetry;
 * docs/equations.md.
 */
class DarcySolverTest {
    private static final DarcySettings TIGHT = DarcySettings.defaults().withTolerance(1e-12);

    /** K = exp(0.5 sin(2 pi x1) cos(pi x2)). */
    private static double k(double x, double y) {
        return Math.exp(0.5 * Math.sin(2 * Math.PI * x) * Math.cos(Math.PI * y));
    }

    /** p = cos(pi x1) cos(pi x2): zero normal derivative and zero integral. */
    private static double p(double x, double y) {
        return Math.cos(Math.PI * x) * Math.cos(Math.PI * y);
    }

    private static double[] velocity(double x, double y) {
        double px = -Math.PI * Math.sin(Math.PI * x) * Math.cos(Math.PI * y);
        double py = -Math.PI * Math.cos(Math.PI * x) * Math.sin(Math.PI * y);
        return new double[] {-k(x, y) * px, -k(x, y) * py};
    }

    /** f = -div(K grad p) = -(K_x p_x + K_y p_y + K lap p). */
    private static double f(double x, double y) {
        double kk = k(x, y);
        double kx = kk * Math.PI * Math.cos(2 * Math.PI * x) * Math.cos(Math.PI * y);
        double ky = -kk * 0.5 * Math.PI * Math.sin(2 * Math.PI * x) * Math.sin(Math.PI * y);
        double px = -Math.PI * Math.sin(Math.PI * x) * Math.cos(Math.PI * y);
        double py = -Math.PI * Math.cos(Math.PI * x) * Math.sin(Math.PI * y);
        double lap = -2 * Math.PI * Math.PI * p(x, y);
        return -(kx * px + ky * py + kk * lap);
    }

    private static double[][] grid(int n, java.util.function.DoubleBinaryOperator g) {
        double h = 1.0 / (n - 1);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = g.applyAsDouble(i * h, j * h);
            }
        }
        return a;
    }

    /** @return {max |p error|, max |u error|} over all nodes */
    private static double[] manufacturedErrors(int n) {
        DarcySolution s = DarcySolver.solve(TIGHT, grid(n, DarcySolverTest::k), grid(n, DarcySolverTest::f));
        double h = 1.0 / (n - 1);
        double[][] pr = s.pressure();
        double[][] u1 = s.velocityX1();
        double[][] u2 = s.velocityX2();
        double ep = 0;
        double eu = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double[] u = velocity(i * h, j * h);
                ep = Math.max(ep, Math.abs(pr[i][j] - p(i * h, j * h)));
                eu = Math.max(eu, Math.max(Math.abs(u1[i][j] - u[0]), Math.abs(u2[i][j] - u[1])));
            }
        }
        return new double[] {ep, eu};
    }

    @Test
    void manufacturedSolutionConvergesAtSecondOrderInMaxNorm() {
        int[] sizes = {17, 33, 65, 129};
        double[][] e = new double[sizes.length][];
        for (int m = 0; m < sizes.length; m++) {
            e[m] = manufacturedErrors(sizes[m]);
        }
        for (int m = 1; m < sizes.length; m++) {
            double orderP = Math.log(e[m - 1][0] / e[m][0]) / Math.log(2);
            double orderU = Math.log(e[m - 1][1] / e[m][1]) / Math.log(2);
            assertTrue(orderP > 1.8, "pressure order " + orderP + " at n = " + sizes[m]);
            assertTrue(orderU > 1.7, "velocity order " + orderU + " at n = " + sizes[m]);
        }
        assertTrue(e[sizes.length - 1][0] < 1e-3, "pressure error " + e[sizes.length - 1][0]);
    }

    @Test
    void everyDualCellBalancesItsSourceAndTheWellsInjectExactlyRW2() {
        for (int n : new int[] {9, 10, 14, 17, 65}) {
            double[][] k = randomPermeability(n, 11 + n);
            DarcySolution s = DarcySolver.solve(TIGHT, k, null);
            double rw2 = 10.0 / 64;
            assertEquals(rw2, s.injectedFlux(), 1e-12 * rw2, "injected flux at n = " + n);
            assertTrue(Math.abs(s.fluxImbalance()) < 1e-10 * rw2, "imbalance " + s.fluxImbalance());
            assertTrue(s.warnings().stream().noneMatch(w -> w.contains("removed")), "warnings " + s.warnings());
            double[][] b = SourceField.wellIntegrals(n, 0.125, 10.0);
            double worst = cellImbalance(n, k, s.pressure(), b);
            assertTrue(worst < 1e-11 * rw2, "cell balance off by " + worst + " at n = " + n);
        }
    }

    @Test
    void wellsOnTheNodalGridIntegrateToRW2ForEdgesBetweenNodes() {
        for (int n : new int[] {10, 14, 65}) {
            double[][] f = SourceField.wells(n, 0.125, 10.0);
            double h = 1.0 / (n - 1);
            double in = 0;
            double out = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double area = h * h * (i == 0 || i == n - 1 ? 0.5 : 1) * (j == 0 || j == n - 1 ? 0.5 : 1);
                    in += Math.max(f[i][j], 0) * area;
                    out += Math.max(-f[i][j], 0) * area;
                }
            }
            assertEquals(10.0 / 64, in, 1e-12, "n = " + n);
            assertEquals(10.0 / 64, out, 1e-12, "n = " + n);
        }
    }

    /** max_k |sum of face fluxes out of dual cell k - b_k|, recomputed from the pressure independently. */
    private static double cellImbalance(int n, double[][] k, double[][] p, double[][] b) {
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double ci = i == 0 || i == n - 1 ? 0.5 : 1;
                double cj = j == 0 || j == n - 1 ? 0.5 : 1;
                if (i + 1 < n) {
                    double t = 2 * k[i][j] * k[i + 1][j] / (k[i][j] + k[i + 1][j]) * cj * (p[i][j] - p[i + 1][j]);
                    out[i][j] += t;
                    out[i + 1][j] -= t;
                }
                if (j + 1 < n) {
                    double t = 2 * k[i][j] * k[i][j + 1] / (k[i][j] + k[i][j + 1]) * ci * (p[i][j] - p[i][j + 1]);
                    out[i][j] += t;
                    out[i][j + 1] -= t;
                }
            }
        }
        double worst = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                worst = Math.max(worst, Math.abs(out[i][j] - b[i][j]));
            }
        }
        return worst;
    }

    /** Log-normal K with contrast about e^{+-3}: exp of a smoothed, scaled white noise. */
    static double[][] randomPermeability(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g[i][j] = random.nextGaussian();
            }
        }
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int di = -1; di <= 1; di++) {
                    for (int dj = -1; dj <= 1; dj++) {
                        s += g[Math.floorMod(i + di, n)][Math.floorMod(j + dj, n)];
                    }
                }
                k[i][j] = Math.exp(s / 3 * 1.5);
            }
        }
        return k;
    }

    @Test
    void pressureHasZeroIntegral() {
        int n = 33;
        double[][] p = DarcySolver.solve(TIGHT, randomPermeability(n, 5), null).pressure();
        double h = 1.0 / (n - 1);
        double integral = 0;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double area = h * h * (i == 0 || i == n - 1 ? 0.5 : 1) * (j == 0 || j == n - 1 ? 0.5 : 1);
                integral += area * p[i][j];
                scale += area * Math.abs(p[i][j]);
            }
        }
        assertTrue(scale > 0.01);
        assertEquals(0.0, integral, 1e-14 * scale);
    }

    @Test
    void constantPermeabilityWellsAreSymmetric() {
        int n = 33;
        double[][] k = grid(n, (x, y) -> 2.0);
        DarcySolution s = DarcySolver.solve(DarcySettings.defaults(), k, null);
        double[][] p = s.pressure();
        double[][] u1 = s.velocityX1();
        double[][] u2 = s.velocityX2();
        double scale = Math.abs(p[0][0]);
        assertTrue(scale > 0.1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(-p[i][j], p[n - 1 - i][n - 1 - j], 1e-8 * scale);
                assertEquals(p[i][j], p[j][i], 1e-8 * scale);
                assertEquals(u1[i][j], u2[j][i], 1e-8 * scale);
            }
        }
        assertTrue(p[0][0] > 0 && p[n - 1][n - 1] < 0, "flow from the injection to the production well");
    }

    @Test
    void scalingThePermeabilityScalesPressureInverselyAndKeepsVelocity() {
        int n = 17;
        double[][] k = randomPermeability(n, 3);
        double[][] k7 = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k7[i][j] = 7 * k[i][j];
            }
        }
        DarcySolution a = DarcySolver.solve(TIGHT, k, null);
        DarcySolution b = DarcySolver.solve(TIGHT, k7, null);
        double pScale = maxAbs(a.pressure());
        double uScale = maxAbs(a.velocityX1());
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(a.pressure()[i][j] / 7, b.pressure()[i][j], 1e-9 * pScale);
                assertEquals(a.velocityX1()[i][j], b.velocityX1()[i][j], 1e-9 * uScale);
                assertEquals(a.velocityX2()[i][j], b.velocityX2()[i][j], 1e-9 * uScale);
            }
        }
    }

    private static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    @Test
    void sourceWithNonZeroIntegralIsCentredWithAWarning() {
        int n = 17;
        double[][] f = grid(n, (x, y) -> 1.0 + x);
        DarcySolution s = DarcySolver.solve(DarcySettings.defaults(), grid(n, (x, y) -> 1.0), f);
        assertEquals(1.5, s.removedSourceMean(), 1e-12);
        assertEquals(1, s.warnings().size());
        assertTrue(s.warnings().get(0).contains("removed"), s.warnings().get(0));
        assertTrue(s.relativeResidual() <= DarcySettings.defaults().tolerance());
        DarcySolution wells = DarcySolver.solve(DarcySettings.defaults(), grid(n, (x, y) -> 1.0),
            SourceField.wells(n, 0.125, 10));
        assertTrue(wells.warnings().isEmpty(), wells.warnings().toString());
        assertTrue(Math.abs(wells.removedSourceMean()) < 1e-14);
    }

    @Test
    void solveAllEqualsSequentialSolvesBitForBit() {
        int n = 17;
        int count = 7;
        float[][][] ks = new float[count][n][n];
        for (int s = 0; s < count; s++) {
            double[][] k = randomPermeability(n, 100 + s);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    ks[s][i][j] = (float) k[i][j];
                }
            }
        }
        AtomicInteger reports = new AtomicInteger();
        Progress counting = new Progress() {
            @Override
            public void report(double fraction, String message) {
                reports.incrementAndGet();
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        float[][][][] all = DarcySolver.solveAll(DarcySettings.defaults(), ks, null, counting);
        assertEquals(count, reports.get());
        for (int s = 0; s < count; s++) {
            double[][] k = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    k[i][j] = ks[s][i][j];
                }
            }
            DarcySolution one = DarcySolver.solve(DarcySettings.defaults(), k, null);
            double[][][] ch = {one.pressure(), one.velocityX1(), one.velocityX2()};
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < n; i++) {
                    float[] expected = new float[n];
                    for (int j = 0; j < n; j++) {
                        expected[j] = (float) ch[c][i][j];
                    }
                    assertArrayEquals(expected, all[s][c][i], "sample " + s + " channel " + c + " row " + i);
                }
            }
        }
    }

    @Test
    void solveAllStopsWhenCancelled() {
        float[][][] ks = new float[4][9][9];
        for (float[][] k : ks) {
            for (float[] row : k) {
                java.util.Arrays.fill(row, 1f);
            }
        }
        Progress cancelled = new Progress() {
            @Override
            public void report(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancelledException.class,
            () -> DarcySolver.solveAll(DarcySettings.defaults(), ks, null, cancelled));
    }

    @Test
    void contrastOfE12ConvergesToRoundOffInFewIterationsAndConservesFlux() {
        for (int n : new int[] {33, 65}) {
            double[][] k = grid(n, (x, y) -> Math.exp(6 * Math.signum(Math.sin(5 * Math.PI * (x + 0.3 * y)))));
            // a tolerance tighter than the default, so that the round-off level is reached first
            DarcySolution s = DarcySolver.solve(DarcySettings.defaults().withTolerance(1e-10), k, null);
            assertTrue(s.iterations() <= 40, "iterations " + s.iterations() + " at n = " + n);
            // contrast e^12 between neighbours: double precision verifies a residual of about 1e-8 only
            boolean roundOff = s.warnings().stream().anyMatch(w -> w.contains("round-off"));
            assertTrue(s.relativeResidual() <= 1e-10 || roundOff && s.relativeResidual() < 1e-7,
                s.relativeResidual() + " " + s.warnings());
            assertTrue(Math.abs(s.fluxImbalance()) < 1e-8 * s.injectedFlux(), "imbalance " + s.fluxImbalance());
        }
    }

    @Test
    void defaultToleranceLeavesAnErrorBelowFloat32Rounding() {
        // log-permeability of variance 4 (contrast about e^{+-6}), squared from a unit-variance smooth field
        double[][] k = DarcyBenchmark.logNormalField(65, new SplittableRandom(11));
        for (double[] row : k) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= row[j];
            }
        }
        DarcySolution exact = DarcySolver.solve(TIGHT, k, null);
        DarcySolution s = DarcySolver.solve(DarcySettings.defaults(), k, null);
        // float32 rounds to a relative 2^-24 = 6e-8 of the largest value; the solve's error must stay well below
        double float32 = Math.ulp(1.0f) / 2;
        assertTrue(relativeMaxError(exact.pressure(), s.pressure()) < float32 / 10, "pressure");
        assertTrue(relativeMaxError(exact.velocityX1(), s.velocityX1()) < float32 / 10, "u_x1");
        assertTrue(relativeMaxError(exact.velocityX2(), s.velocityX2()) < float32 / 10, "u_x2");
    }

    private static double relativeMaxError(double[][] reference, double[][] value) {
        double scale = 0;
        double error = 0;
        for (int i = 0; i < reference.length; i++) {
            for (int j = 0; j < reference[i].length; j++) {
                scale = Math.max(scale, Math.abs(reference[i][j]));
                error = Math.max(error, Math.abs(reference[i][j] - value[i][j]));
            }
        }
        return error / scale;
    }

    @Test
    void tooFewIterationsThrowConvergenceException() {
        ConvergenceException e = assertThrows(ConvergenceException.class, () -> DarcySolver.solve(
            DarcySettings.defaults().withMaxIterations(1), randomPermeability(33, 8), null));
        assertEquals(1, e.iterations());
        assertTrue(e.residual() > 1e-10);
    }

    @Test
    void badInputIsRejectedWithAMessageNamingTheProblem() {
        DarcySettings d = DarcySettings.defaults();
        double[][] ok = grid(9, (x, y) -> 1.0);
        double[][] zero = grid(9, (x, y) -> 1.0);
        zero[2][3] = 0;
        assertMessage(InvalidInputException.class, "permeability[2][3] = 0.0",
            () -> DarcySolver.solve(d, zero, null));
        double[][] nan = grid(9, (x, y) -> 1.0);
        nan[4][1] = Double.NaN;
        assertMessage(InvalidInputException.class, "permeability[4][1] = NaN",
            () -> DarcySolver.solve(d, nan, null));
        double[][] inf = grid(9, (x, y) -> 1.0);
        inf[0][0] = Double.POSITIVE_INFINITY;
        assertMessage(InvalidInputException.class, "permeability[0][0] = Infinity",
            () -> DarcySolver.solve(d, inf, null));
        double[][] ragged = grid(9, (x, y) -> 1.0);
        ragged[1] = new double[8];
        assertMessage(InvalidInputException.class, "row 1 has 8 entries, expected 9",
            () -> DarcySolver.solve(d, ragged, null));
        assertMessage(InvalidInputException.class, "row 0 has 9 entries, expected 3",
            () -> DarcySolver.solve(d, new double[][] {new double[9], new double[9], new double[9]}, null));
        assertMessage(InvalidInputException.class, "n must be >= 3",
            () -> DarcySolver.solve(d, new double[][] {{1, 1}, {1, 1}}, null));
        assertMessage(InvalidInputException.class, "source: shape 8 x 8 does not match permeability 9 x 9",
            () -> DarcySolver.solve(d, ok, new double[8][8]));
        double[][] badSource = new double[9][9];
        badSource[1][2] = Double.NaN;
        assertMessage(InvalidInputException.class, "source[1][2] = NaN",
            () -> DarcySolver.solve(d, ok, badSource));
        float[][][] ks = new float[3][9][9];
        for (float[][] k : ks) {
            for (float[] row : k) {
                java.util.Arrays.fill(row, 1f);
            }
        }
        ks[2][5][6] = -1f;
        assertMessage(InvalidInputException.class, "sample 2: permeability[5][6] = -1.0",
            () -> DarcySolver.solveAll(d, ks, null, Progress.NONE));
        float[][][] mixed = {new float[9][9], new float[5][5]};
        assertMessage(InvalidInputException.class, "permeabilities[1]: grid 5 x 5 differs",
            () -> DarcySolver.solveAll(d, mixed, null, Progress.NONE));
        assertMessage(IllegalArgumentException.class, "wellWidth", () -> d.withWellWidth(0.6));
        assertMessage(IllegalArgumentException.class, "wellWidth", () -> d.withWellWidth(0));
        assertMessage(IllegalArgumentException.class, "injectionRate", () -> d.withInjectionRate(-1));
        assertMessage(IllegalArgumentException.class, "tolerance", () -> d.withTolerance(0));
        assertMessage(IllegalArgumentException.class, "tolerance", () -> d.withTolerance(1));
        assertMessage(IllegalArgumentException.class, "maxIterations", () -> d.withMaxIterations(0));
        assertMessage(IllegalArgumentException.class, "grid", () -> SourceField.wells(2, 0.125, 10));
    }

    private static void assertMessage(Class<? extends Throwable> type, String part,
                                      org.junit.jupiter.api.function.Executable call) {
        Throwable t = assertThrows(type, call);
        assertTrue(t.getMessage().contains(part), "message '" + t.getMessage() + "' lacks '" + part + "'");
    }
}
