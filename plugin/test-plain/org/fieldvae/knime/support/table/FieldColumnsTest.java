package org.fieldvae.knime.support.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.fieldvae.Progress;
import org.fieldvae.field.DatasetReader;
import org.fieldvae.field.Precision;
import org.fieldvae.generate.DatasetGenerator;
import org.fieldvae.generate.GenerateSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldColumnsTest {

    @TempDir
    Path dir;

    @Test
    void thetaNamesCountFromOne() {
        assertEquals("theta_1", FieldColumns.theta(1));
        assertEquals(List.of("theta_1", "theta_2", "theta_3"), FieldColumns.thetas(3));
        assertEquals(List.of(), FieldColumns.thetas(0));
        assertThrows(IllegalArgumentException.class, () -> FieldColumns.theta(0));
    }

    @Test
    void thetaColumnsAreFoundAndOrderedByIndexNotText() {
        final List<String> names = List.of("theta_10", "permeability", "theta_2", "theta_x", "theta_0", "theta_1",
            "my_theta_3", "theta_02");
        assertEquals(List.of("theta_1", "theta_2", "theta_10"), FieldColumns.thetaColumnsIn(names));
    }

    /**
     * The channel names against a dataset file the generator wrote (docs/paper-facts.md, "Data"): the file has
     * datasets named {@link FieldColumns#PERMEABILITY} (1 channel) and {@link FieldColumns#OUTPUT} (one channel per
     * name), and under their names the channels obey Darcy's law u = -K grad p (checks Eq. 15 of the paper,
     * docs/equations.md): the channel named {@code u_x1} follows -K dp/dx1 (x1 = i h, the first node index),
     * {@code u_x2} follows -K dp/dx2.
     */
    @Test
    void outputChannelsMatchTheDatasetLayout() {
        final int n = 33;
        final GenerateSettings g = GenerateSettings.defaults().withSamples(2).withPrecision(Precision.FLOAT64)
            .withKle(GenerateSettings.defaults().kle().withGrid(n).withModes(2));
        final Path file = dir.resolve("data.hdf5");
        DatasetGenerator.generate(g, file, false, Progress.NONE);
        try (DatasetReader reader = DatasetReader.open(file)) {
            assertArrayEquals(new int[] {2, 1, n, n}, reader.hdf5().shape(FieldColumns.PERMEABILITY));
            assertArrayEquals(new int[] {2, FieldColumns.OUTPUT_CHANNELS.size(), n, n},
                reader.hdf5().shape(FieldColumns.OUTPUT));
            final float[][][] k = reader.permeability(1, 1)[0];
            final float[][][] out = reader.output(1, 1)[0];
            final float[][] p = out[FieldColumns.OUTPUT_CHANNELS.indexOf("pressure")];
            final float[][] u1 = out[FieldColumns.OUTPUT_CHANNELS.indexOf("u_x1")];
            final float[][] u2 = out[FieldColumns.OUTPUT_CHANNELS.indexOf("u_x2")];
            final double[][] darcy1 = darcyVelocity(k[0], p, 1, 0);
            final double[][] darcy2 = darcyVelocity(k[0], p, 0, 1);
            // central differences on a 33 x 33 grid follow the solver's velocities to about 0.2 % (measured 0.18 %
            // and 0.19 %); the other direction's velocity is off by about 70 %
            assertTrue(relative(u1, darcy1) < 0.02, "u_x1 against -K dp/dx1: " + relative(u1, darcy1));
            assertTrue(relative(u2, darcy2) < 0.02, "u_x2 against -K dp/dx2: " + relative(u2, darcy2));
            assertTrue(relative(u1, darcy2) > 0.3 && relative(u2, darcy1) > 0.3, "the velocities are not swapped");
        }
    }

    /** -K dp/dx by central differences along (di, dj) at interior nodes, h = 1/(n-1); 0 on the boundary. */
    private static double[][] darcyVelocity(final float[][] k, final float[][] p, final int di, final int dj) {
        final int n = p.length;
        final double h = 1.0 / (n - 1);
        final double[][] u = new double[n][n];
        for (int i = 1; i < n - 1; i++) {
            for (int j = 1; j < n - 1; j++) {
                u[i][j] = -k[i][j] * (p[i + di][j + dj] - p[i - di][j - dj]) / (2 * h);
            }
        }
        return u;
    }

    /** ||a - b|| / ||b|| over the interior nodes. */
    private static double relative(final float[][] a, final double[][] b) {
        double d = 0;
        double r = 0;
        for (int i = 1; i < a.length - 1; i++) {
            for (int j = 1; j < a.length - 1; j++) {
                d += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
                r += b[i][j] * b[i][j];
            }
        }
        return Math.sqrt(d / r);
    }
}
