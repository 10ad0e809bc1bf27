package org.fieldvae.score;

import org.apache.commons.math3.special.Gamma;

/**
 * The k-nearest-neighbour estimate of {@code D_KL[p || q]} from samples {@code x_1..x_n ~ p} and
 * {@code y_1..y_m ~ q} in R^d (Wang, Kulkarni &amp; Verdu 2009).
 *
 * <p>Fixed k (their Eq. 5):
 * <pre>
 *   D = (d/n) sum_i log(nu_k(i) / rho_k(i)) + log(m / (n - 1))
 * </pre>
 * where {@code rho_k(i)} is the distance from x_i to its k-th nearest neighbour among the other x's and
 * {@code nu_k(i)} the distance from x_i to its k-th nearest neighbour among the y's. With d = 1,
 * x = {1, 2}, y = {1.5, 2.5}, k = 1 this gives exactly 0; with x = {1, 2, 4}, y = {1.5, 3} exactly -log 2.
 *
 * <p>Adaptive, version "epsilon 1" of the paper (their Eq. 17 with the ball radius
 * {@code eps(i) = max(rho_k(i), nu_k(i))}), the variant the FieldVAE paper used:
 * <pre>
 *   D = (d/n) sum_i log(nu_{k_i}(i) / rho_{l_i}(i)) + (1/n) sum_i [psi(l_i) - psi(k_i)] + log(m / (n - 1))
 * </pre>
 * where {@code l_i} and {@code k_i} count the x's (other than x_i) and y's within {@code eps(i)}, and psi
 * is the digamma function.
 *
 * <pre>
 * Q. Wang, S. R. Kulkarni, S. Verdu, Divergence estimation for multidimensional densities via
 * k-nearest-neighbor distances, IEEE Transactions on Information Theory 55 (2009) 2392-2405.
 * </pre>
 *
 * <p>The x side (a tree over x and every rho_k(i)) is prepared once; {@link #estimate} then takes the y
 * side as a tree over untransformed latents plus the diagonal affine map, so the optimiser of S_KL never
 * rebuilds a tree.
 */
final class KnnDivergence {
    private final double[][] x;
    private final KdTree xTree;
    private final double[] rhoSquared;
    private final int k;
    private final boolean adaptive;
    private final double[] unitWeights;

    /**
     * @param x        samples of p, {@code [sample][coordinate]}, not modified; more than k of them
     * @param k        neighbour order, at least 1
     * @param adaptive the epsilon-ball variant instead of fixed k
     */
    KnnDivergence(double[][] x, int k, boolean adaptive) {
        this.x = x;
        this.k = k;
        this.adaptive = adaptive;
        this.xTree = new KdTree(x);
        this.unitWeights = new double[x[0].length];
        java.util.Arrays.fill(unitWeights, 1);
        this.rhoSquared = new double[x.length];
        double[] best = new double[k];
        for (int i = 0; i < x.length; i++) {
            rhoSquared[i] = xTree.kthDistanceSquared(x[i], unitWeights, k, i, best);
        }
    }

    /** The estimate for plain samples y of q ({@code [sample][coordinate]}, not modified). */
    double estimate(double[][] y) {
        double[] ones = new double[y[0].length];
        java.util.Arrays.fill(ones, 1);
        return estimate(new KdTree(y), ones, new double[y[0].length]);
    }

    /**
     * The estimate for q the law of {@code y = a o (z - b)}, z the points of {@code zTree}.
     *
     * @param a scales, length d, not modified; every entry non-zero
     * @param b shifts, length d, not modified
     */
    double estimate(KdTree zTree, double[] a, double[] b) {
        int d = a.length;
        double[] weights = new double[d];
        for (int j = 0; j < d; j++) {
            weights[j] = a[j] * a[j];
        }
        double[] q = new double[d];
        double[] best = new double[k];
        double[] ball = new double[2];
        double logRatios = 0;
        double digammas = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
                q[j] = x[i][j] / a[j] + b[j];
            }
            double nu2 = zTree.kthDistanceSquared(q, weights, k, -1, best);
            if (!adaptive) {
                logRatios += Math.log(nu2 / rhoSquared[i]);
                continue;
            }
            double eps2 = Math.max(nu2, rhoSquared[i]);
            zTree.ball(q, weights, eps2, -1, ball);
            double ki = ball[0];
            double nuKi2 = ball[1];
            xTree.ball(x[i], unitWeights, eps2, i, ball);
            logRatios += Math.log(nuKi2 / ball[1]);
            digammas += Gamma.digamma(ball[0]) - Gamma.digamma(ki);
        }
        int n = x.length;
        return 0.5 * d * logRatios / n + digammas / n + Math.log(zTree.size() / (n - 1.0));
    }
}
