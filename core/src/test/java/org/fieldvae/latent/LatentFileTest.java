package org.fieldvae.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.fieldvae.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatentFileTest {
    @TempDir
    Path dir;

    @Test
    void readsNumberedColumnsInOrder() throws IOException {
        Path csv = dir.resolve("z.csv");
        Files.writeString(csv, "z_mean_1,z_mean_2,z_logvar_1,z_logvar_2,theta_1,labelled\n1,2,0,0,5,1\n3,4,0,0,6,0\n");
        LatentFile t = LatentFile.read(csv);
        assertEquals(2, t.rows());
        assertArrayEquals(new double[] {1, 3}, t.column("z_mean_1", "latent"));
        assertArrayEquals(new double[] {2, 4}, t.column("z_mean_2", "latent"));
        assertEquals(1, t.withPrefix(LatentFile.THETA_PREFIX).size());
        assertEquals(0, t.withPrefix("xi_").size());
    }

    @Test
    void whatIsWrittenReadsBackUnderTheSameNamesAndToTheSameDoubles() throws IOException {
        Path csv = dir.resolve("w.csv");
        // the encoder's float32 outputs widened to double, as a run writes them, and doubles of every magnitude
        double[] mean = {(double) 0.10499296f, -2e-7};
        double[] logVariance = {-3.5, 1e10};
        double[] theta = {Math.PI, -Math.E, (double) 0.389306992f};
        Files.writeString(csv, LatentFile.header(2, 3, true) + LatentFile.row(mean, logVariance, theta, true)
                + LatentFile.row(logVariance, mean, theta, false));
        LatentFile t = LatentFile.read(csv);
        assertArrayEquals(new double[][] {mean, logVariance}, t.columns(LatentFile.means(2), "latent"));
        assertArrayEquals(new double[][] {logVariance, mean}, t.columns(LatentFile.logVariances(2), "latent"));
        assertArrayEquals(new double[][] {theta, theta}, t.columns(LatentFile.thetas(3), "theta"));
        assertArrayEquals(new double[] {1, 0}, t.column(LatentFile.LABELLED, "labelled"));
        assertEquals(List.of("z_mean_1", "z_mean_2"), t.withPrefix(LatentFile.MEAN_PREFIX));
    }

    @Test
    void aTableWithoutThetaOrLabelsHasOnlyTheLatentColumns() {
        assertEquals("z_mean_1,z_logvar_1\n", LatentFile.header(1, 0, false));
        assertEquals(List.of("z_logvar_1", "z_logvar_2"), LatentFile.logVariances(2));
        assertThrows(IllegalArgumentException.class, () -> LatentFile.means(0));
    }

    @Test
    void malformedTablesNameFileRowAndColumn() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "z_mean_1,theta_1\n0.5,1\n0.5,oops\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LatentFile.read(csv).columns(List.of("theta_1"), "theta"));
        assertTrue(e.getMessage().contains("bad.csv: row 2, column theta_1: 'oops' is not a number"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> LatentFile.read(csv).column("z_mean_2", "latent"));
        assertTrue(e.getMessage().contains("no latent column named z_mean_2"), e.getMessage());
        Files.writeString(csv, "");
        assertThrows(InvalidInputException.class, () -> LatentFile.read(csv));
    }
}
