package org.fieldvae.knime.support.darcy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.fieldvae.InvalidInputException;
import org.fieldvae.Progress;
import org.fieldvae.darcy.DarcySettings;
import org.fieldvae.darcy.DarcySolution;
import org.fieldvae.darcy.DarcySolver;
import org.junit.jupiter.api.Test;

/**
 * Checks the solver node's batches of Eq. 15-16 of the paper (own sources, linearity in the source);
 * docs/equations.md.
 */
class DarcyBatchesTest {

    private static final int N = 9;

    private static float[][] logNormal(final SplittableRandom random) {
        final float[][] k = new float[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                k[i][j] = (float)Math.exp(random.nextGaussian() * 0.5);
            }
        }
        return k;
    }

    /** A smooth source of zero mean over the square, scaled by {@code a}. */
    private static float[][] source(final double a) {
        final float[][] f = new float[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                f[i][j] = (float)(a * Math.cos(Math.PI * i / (N - 1)) * Math.cos(Math.PI * j / (N - 1)));
            }
        }
        return f;
    }

    private static double[][] toDouble(final float[][] f) {
        final double[][] d = new double[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                d[i][j] = f[i][j];
            }
        }
        return d;
    }

    @Test
    void groupsRowsOfEqualSourceInFirstAppearanceOrder() {
        final float[][][] s = {source(1), source(2), source(1), source(2), source(3)};
        final List<int[]> g = DarcyBatches.groups(s);
        assertEquals(3, g.size());
        assertArrayEquals(new int[]{0, 2}, g.get(0));
        assertArrayEquals(new int[]{1, 3}, g.get(1));
        assertArrayEquals(new int[]{4}, g.get(2));
    }

    /** Each row, solved within its group, must equal a solve of that row alone with its own source. */
    @Test
    void eachRowIsSolvedWithItsOwnSource() {
        final SplittableRandom random = new SplittableRandom(7);
        final float[][][] k = new float[5][][];
        for (int r = 0; r < k.length; r++) {
            k[r] = logNormal(random);
        }
        final float[][][] f = {source(1), source(-2), source(1), source(-2), source(1)};
        final DarcySettings settings = DarcySettings.defaults();
        final float[][][][] out = DarcyBatches.solve(settings, k, f, Progress.NONE);
        for (int r = 0; r < k.length; r++) {
            final DarcySolution alone = DarcySolver.solve(settings, toDouble(k[r]), toDouble(f[r]));
            final double[][] p = alone.pressure();
            final double[][] u2 = alone.velocityX2();
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    assertEquals(p[i][j], out[r][0][i][j], 1e-6 * (1 + Math.abs(p[i][j])), "row " + r);
                    assertEquals(u2[i][j], out[r][2][i][j], 1e-6 * (1 + Math.abs(u2[i][j])), "row " + r);
                }
            }
        }
        // source -2 f is -2 times source f: on the same K the pressure scales by -2 (linearity of Eq. 15-16)
        final float[][][][] scaled = DarcyBatches.solve(settings, new float[][][]{k[0], k[0]},
            new float[][][]{f[0], f[1]}, Progress.NONE);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                assertEquals(-2 * scaled[0][0][i][j], scaled[1][0][i][j], 1e-5 * (1 + Math.abs(scaled[1][0][i][j])));
            }
        }
    }

    @Test
    void anInvalidRowInASourceGroupIsNamedByItsTablePosition() {
        final SplittableRandom random = new SplittableRandom(5);
        final float[][][] k = {logNormal(random), logNormal(random), logNormal(random), logNormal(random)};
        k[3][4][4] = -1f;
        final float[][][] f = {source(1), source(2), source(1), source(2)};
        final InvalidInputException e = assertThrows(InvalidInputException.class,
            () -> DarcyBatches.solve(DarcySettings.defaults(), k, f, Progress.NONE));
        // row 3 is sample 1 of the group [1, 3]
        assertTrue(e.getMessage().startsWith("rows [1, 3] "), e.getMessage());
        assertTrue(e.getMessage().contains("sample 1"), e.getMessage());
    }

    @Test
    void withoutSourcesAllRowsUseTheWells() {
        final SplittableRandom random = new SplittableRandom(3);
        final float[][][] k = {logNormal(random), logNormal(random)};
        final DarcySettings settings = DarcySettings.defaults();
        final float[][][][] expected = DarcySolver.solveAll(settings, k, null, Progress.NONE);
        final float[][][][] out = DarcyBatches.solve(settings, k, null, Progress.NONE);
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < N; i++) {
                    assertArrayEquals(expected[r][c][i], out[r][c][i]);
                }
            }
        }
    }
}
