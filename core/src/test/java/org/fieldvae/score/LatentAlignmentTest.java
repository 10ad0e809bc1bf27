package org.fieldvae.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.fieldvae.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The latent axes' angle to the theta axes, against codes rotated by a known angle. */
class LatentAlignmentTest {

    /** 2000 draws of two parameters with correlation 0.5, so that S_D alone would be capped below 1. */
    private static double[][] correlatedTheta() {
        SplittableRandom random = new SplittableRandom(7);
        double[][] t = new double[2000][];
        for (int r = 0; r < t.length; r++) {
            double a = Moments.gaussian(random);
            double b = Moments.gaussian(random);
            t[r] = new double[] {a, 0.5 * a + Math.sqrt(0.75) * b};
        }
        return t;
    }

    /** z = diag(scale) R(phi) theta + shift, latents then swapped when asked: a code rotated by phi. */
    private static double[][] rotatedCode(double[][] theta, double phiDegrees, boolean swap) {
        double c = Math.cos(Math.toRadians(phiDegrees));
        double s = Math.sin(Math.toRadians(phiDegrees));
        double[][] z = new double[theta.length][];
        for (int r = 0; r < theta.length; r++) {
            double z1 = 3 * (c * theta[r][0] - s * theta[r][1]) + 1;
            double z2 = -0.5 * (s * theta[r][0] + c * theta[r][1]) - 2;
            z[r] = swap ? new double[] {z2, z1} : new double[] {z1, z2};
        }
        return z;
    }

    @Test
    void aCodeRotatedByPhiHasBothLatentsPhiOffTheAxes() {
        double[][] theta = correlatedTheta();
        for (double phi : new double[] {0, 10, 30, 45}) {
            for (boolean swap : new boolean[] {false, true}) {
                LatentAlignment a = LatentAlignment.of(rotatedCode(theta, phi, swap), theta);
                assertEquals(phi, a.anglesDegrees()[0], 1e-6, "phi " + phi + " swap " + swap);
                assertEquals(phi, a.anglesDegrees()[1], 1e-6, "phi " + phi + " swap " + swap);
                assertEquals(phi, a.largestAngleDegrees(), 1e-6);
            }
        }
    }

    @Test
    void theAngleIsNotCappedByTheSampleCorrelationOfThetaAsSdIs() {
        double[][] theta = correlatedTheta();
        LatentAlignment aligned = LatentAlignment.of(rotatedCode(theta, 0, false), theta);
        assertEquals(0, aligned.largestAngleDegrees(), 1e-6);
        // z = theta with corr(theta_1, theta_2) = 0.5: S_D = 1 / (1 + 0.5) for equal variances (docs/learner.md)
        assertTrue(aligned.sD() < 0.7, "S_D " + aligned.sD());
    }

    @Test
    void noiseOnTheCodeMovesTheAngleLittle() {
        double[][] theta = correlatedTheta();
        double[][] z = rotatedCode(theta, 20, false);
        SplittableRandom random = new SplittableRandom(3);
        for (double[] row : z) {
            row[0] += 0.3 * Moments.gaussian(random);
            row[1] += 0.05 * Moments.gaussian(random);
        }
        assertEquals(20, LatentAlignment.of(z, theta).largestAngleDegrees(), 1.0);
    }

    @Test
    void aLatentThatFollowsNoParameterHasNoAngle() {
        double[][] theta = correlatedTheta();
        double[][] z = new double[theta.length][];
        for (int r = 0; r < z.length; r++) {
            z[r] = new double[] {theta[r][0], 4.0};
        }
        LatentAlignment a = LatentAlignment.of(z, theta);
        assertEquals(0, a.anglesDegrees()[0], 1e-9);
        assertTrue(Double.isNaN(a.largestAngleDegrees()));
    }

    @Test
    void badTablesAreRefusedWithTheReason() {
        double[][] theta = correlatedTheta();
        InvalidInputException rows = assertThrows(InvalidInputException.class,
                () -> LatentAlignment.of(new double[10][2], theta));
        assertTrue(rows.getMessage().contains("10 latent rows and 2000 theta rows"), rows.getMessage());
        double[][] constant = new double[theta.length][];
        for (int r = 0; r < constant.length; r++) {
            constant[r] = new double[] {theta[r][0], 1.0};
        }
        InvalidInputException singular = assertThrows(InvalidInputException.class,
                () -> LatentAlignment.of(theta, constant));
        assertTrue(singular.getMessage().contains("singular"), singular.getMessage());
    }
}
