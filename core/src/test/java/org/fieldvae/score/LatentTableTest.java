package org.fieldvae.score;

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

class LatentTableTest {
    @TempDir
    Path dir;

    /** Rows r = 0..rows-1 of z_mean_1 = r, z_logvar_1 = -1, theta_1 = 2r, z_mean_2 = r*r, theta_2 = -r. */
    private Path csv(int rows, String cellAtRowThree) throws IOException {
        StringBuilder b = new StringBuilder("z_mean_1,z_logvar_1,theta_1,z_mean_2,\"theta_2\"\n");
        for (int r = 0; r < rows; r++) {
            String last = r == 3 && cellAtRowThree != null ? cellAtRowThree : String.valueOf(-r);
            b.append(r).append(",-1,").append(2 * r).append(',').append(r * r).append(',').append(last).append('\n');
        }
        Path file = dir.resolve("latents.csv");
        Files.writeString(file, b.toString());
        return file;
    }

    @Test
    void picksPrefixedColumnsInFileOrderAndIgnoresTheRest() throws IOException {
        LatentTable t = LatentTable.read(csv(12, null));
        assertEquals(List.of("z_mean_1", "z_mean_2"), t.latentNames());
        assertEquals(List.of("theta_1", "theta_2"), t.thetaNames());
        assertEquals(12, t.rows());
        assertArrayEquals(new double[] {5, 25}, t.latents()[5]);
        assertArrayEquals(new double[] {10, -5}, t.theta()[5]);
    }

    @Test
    void explicitColumnsOverrideThePrefixes() throws IOException {
        LatentTable t = LatentTable.read(csv(12, null), List.of("z_mean_2"), List.of("theta_2", "theta_1"));
        assertArrayEquals(new double[] {16}, t.latents()[4]);
        assertArrayEquals(new double[] {-4, 8}, t.theta()[4]);
    }

    @Test
    void badFilesNameTheirProblem() throws IOException {
        assertMessage(() -> LatentTable.read(csv(9, null)), "9 rows");
        assertMessage(() -> LatentTable.read(csv(12, "NaN")), "row 4, column theta_2");
        assertMessage(() -> LatentTable.read(csv(12, "Infinity")), "not a finite number");
        assertMessage(() -> LatentTable.read(csv(12, "abc")), "'abc' is not a number");
        assertMessage(() -> LatentTable.read(csv(12, null), List.of("z_mean_1"), List.of("theta_9")), "theta_9");
        assertMessage(() -> LatentTable.read(csv(12, null), List.of("z_logvar_1"), List.of()), "z_logvar_1 is constant");
        assertMessage(() -> LatentTable.read(dir.resolve("missing.csv")), "missing.csv");
        Path noTheta = dir.resolve("z.csv");
        Files.writeString(noTheta, "z_mean_1\n1\n2\n");
        assertMessage(() -> LatentTable.read(noTheta), "no theta columns");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable run, String part) {
        InvalidInputException e = assertThrows(InvalidInputException.class, run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void tablesFromArraysAreValidatedAndCopied() {
        double[][] z = new double[10][1];
        double[][] theta = new double[10][1];
        for (int r = 0; r < 10; r++) {
            z[r][0] = r;
            theta[r][0] = -r;
        }
        LatentTable t = LatentTable.of("port 1", List.of("a"), z, List.of("b"), theta);
        z[0][0] = 99;
        assertEquals(0, t.latents()[0][0]);
        assertMessage(() -> LatentTable.of("port 1", List.of("a"), z, List.of("b"), new double[11][1]), "10 latent rows");
    }
}
