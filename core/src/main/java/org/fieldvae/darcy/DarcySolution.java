package org.fieldvae.darcy;

import java.util.List;

/**
 * One Darcy solution on the n x n node grid, arrays indexed [i][j] for the node (x1, x2) = (i h, j h),
 * with its checks.
 *
 * @param pressure          p at the nodes, shifted so that sum_ij |cell_ij| p_ij = 0
 * @param velocityX1        u_x1 = -K dp/dx1 at the nodes (0 on x1 = 0 and x1 = 1)
 * @param velocityX2        u_x2 = -K dp/dx2 at the nodes (0 on x2 = 0 and x2 = 1)
 * @param relativeResidual  ||b - A p||_2 / ||b||_2 of the conservative system (0 for a zero source)
 * @param injectedFlux      sum of the positive dual-cell source integrals (after mean removal); r w^2 for
 *                          the wells
 * @param fluxImbalance     from the solved pressure: net outflow of the cells with a positive source minus
 *                          net inflow of the cells with a negative source (0 up to the solver tolerance)
 * @param removedSourceMean area-weighted mean of the source that was removed because a no-flux problem
 *                          needs a source of zero integral
 * @param iterations        preconditioned CG iterations
 * @param warnings          human-readable warnings, e.g. a removed source mean above round-off
 */
public record DarcySolution(double[][] pressure, double[][] velocityX1, double[][] velocityX2,
                            double relativeResidual, double injectedFlux, double fluxImbalance,
                            double removedSourceMean, int iterations, List<String> warnings) {
    public DarcySolution {
        pressure = copy(pressure);
        velocityX1 = copy(velocityX1);
        velocityX2 = copy(velocityX2);
        warnings = List.copyOf(warnings);
    }

    @Override
    public double[][] pressure() {
        return copy(pressure);
    }

    @Override
    public double[][] velocityX1() {
        return copy(velocityX1);
    }

    @Override
    public double[][] velocityX2() {
        return copy(velocityX2);
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
