package org.fieldvae.score;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.fieldvae.InvalidInputException;

/**
 * How the latent axes lie against the theta axes. The least-squares fit z ~ A theta + b over a sample gives
 * each latent a row a_i of A, and its angle to the nearest theta axis
 * <pre>
 *   A = cov(z, theta) cov(theta, theta)^-1          (the normal equations, intercept eliminated)
 *   angle_i = arccos(max_j |a_ij| / ||a_i||)        0: z_i follows one parameter; 45 degrees for p = 2: an even mix
 * </pre>
 * The angle ignores scale, sign, shift and which latent took which parameter, as S_D (Eq. 5) does; unlike
 * S_D it is not capped by the sample correlation of theta, because A removes it (docs/learner.md, "Scoring").
 * The probe along training reads it from the kept checkpoints of a run.
 */
public final class LatentAlignment {
    private final double sD;
    private final double[] anglesDegrees;

    private LatentAlignment(double sD, double[] anglesDegrees) {
        this.sD = sD;
        this.anglesDegrees = anglesDegrees;
    }

    /**
     * @param z     latent means {@code [sample][latent]}, not modified
     * @param theta generative parameters {@code [sample][parameter]} of the same samples, not modified
     * @throws InvalidInputException when the tables are empty, differ in length or theta's covariance is singular
     */
    public static LatentAlignment of(double[][] z, double[][] theta) {
        if (z.length < 2 || z.length != theta.length) {
            throw new InvalidInputException(z.length + " latent rows and " + theta.length
                    + " theta rows: the alignment needs the same rows, at least 2");
        }
        double[][] cov = Moments.covariance(z, theta);
        LUDecomposition thetaCovariance = new LUDecomposition(new Array2DRowRealMatrix(Moments.covariance(theta, theta)));
        if (!thetaCovariance.getSolver().isNonSingular()) {
            throw new InvalidInputException("theta's covariance is singular: a parameter is constant or a mix of others");
        }
        RealMatrix a = new Array2DRowRealMatrix(cov).multiply(thetaCovariance.getSolver().getInverse());
        double[] angles = new double[z[0].length];
        for (int i = 0; i < angles.length; i++) {
            angles[i] = angleToNearestAxis(a.getRow(i));
        }
        return new LatentAlignment(CovarianceScores.sD(cov), angles);
    }

    private static double angleToNearestAxis(double[] row) {
        double largest = 0;
        double norm = 0;
        for (double v : row) {
            largest = Math.max(largest, Math.abs(v));
            norm += v * v;
        }
        return norm == 0 ? Double.NaN : Math.toDegrees(Math.acos(Math.min(1.0, largest / Math.sqrt(norm))));
    }

    /** S_D (Eq. 5) of the same sample. */
    public double sD() {
        return sD;
    }

    /** Each latent's angle to its nearest theta axis, in degrees; NaN for a latent that follows no parameter. */
    public double[] anglesDegrees() {
        return anglesDegrees.clone();
    }

    /** The largest of {@link #anglesDegrees()}: how far the worst-aligned latent is from any theta axis. */
    public double largestAngleDegrees() {
        double largest = 0;
        for (double a : anglesDegrees) {
            if (Double.isNaN(a)) {
                return a;
            }
            largest = Math.max(largest, a);
        }
        return largest;
    }
}
