package org.fieldvae.darcy;

import org.fieldvae.Check;

/**
 * The paper's well source f = +r on [0,w]^2, -r on [1-w,1]^2, 0 elsewhere, on the n x n node grid.
 *
 * <p>The source of the conservative scheme is the integral of f over each node's dual cell
 * [x_i - h/2, x_i + h/2] x [x_j - h/2, x_j + h/2] clipped to the unit square. For the wells that integral
 * is exact: r times the overlap lengths of the dual cell with [0,w] in x1 and in x2 (minus the same for
 * the production well), so the total injected flux is r w^2 for every n, also when the well edge falls
 * between nodes. (The authors' code put +-r on every node inside the wells: 81 h^2 r at n = 65.)
 */
public final class SourceField {
    private SourceField() {
    }

    /**
     * Nodal values consistent with the scheme: the exact dual-cell integral divided by the dual-cell area,
     * so that {@link DarcySolver#solve} with this field reproduces the wells' integrals (up to one rounding).
     *
     * @param n         grid nodes per side, >= 3
     * @param wellWidth w, in (0, 0.5]
     * @param rate      r, finite and > 0
     * @return f[i][j], n x n
     */
    public static double[][] wells(int n, double wellWidth, double rate) {
        Check.atLeast("grid", n, 3);
        Check.inRange("wellWidth", Check.positive("wellWidth", wellWidth), 0.0, 0.5);
        Check.positive("rate", rate);
        double[][] integral = wellIntegrals(n, wellWidth, rate);
        double[] w = FiniteVolume.cellWeights(n);
        double area = FiniteVolume.spacing(n) * FiniteVolume.spacing(n);
        double[][] f = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                f[i][j] = integral[i][j] / (area * w[i] * w[j]);
            }
        }
        return f;
    }

    /**
     * @return the exact integrals of the wells' f over the dual cells, n x n; the production well's values
     *         are the injection well's mirrored through the centre, so they cancel exactly in pairs
     */
    static double[][] wellIntegrals(int n, double wellWidth, double rate) {
        double[] overlap = overlapWithWell(n, wellWidth);
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i][j] = rate * overlap[i] * overlap[j] - rate * overlap[n - 1 - i] * overlap[n - 1 - j];
            }
        }
        return b;
    }

    /** @return |[x_i - h/2, x_i + h/2] ∩ [0,1] ∩ [0,w]| for each node i */
    private static double[] overlapWithWell(int n, double w) {
        double h = FiniteVolume.spacing(n);
        double[] o = new double[n];
        for (int i = 0; i < n; i++) {
            double lo = Math.max(0.0, (i - 0.5) * h);
            double hi = Math.min(w, Math.min(1.0, (i + 0.5) * h));
            o[i] = Math.max(0.0, hi - lo);
        }
        return o;
    }
}
