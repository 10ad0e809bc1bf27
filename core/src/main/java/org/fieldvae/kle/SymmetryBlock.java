package org.fieldvae.kle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One invariant subspace of the grid covariance C under the symmetries of the square, with the fast product by
 * C restricted to it.
 *
 * <p>C commutes with the reflections R1: i -> n-1-i, R2: j -> n-1-j and the diagonal swap S: (i, j) -> (j, i),
 * which generate the dihedral group D4. Its irreducible representations split R^{n x n} into the blocks
 * <pre>
 *   EE+  even in x1 and x2, symmetric under S        EE-  even, even, antisymmetric under S
 *   OO+  odd in x1 and x2, symmetric under S         OO-  odd, odd, antisymmetric under S
 *   EO   even in x1, odd in x2  (its S-image OE = odd in x1, even in x2 has the same eigenvalues)
 * </pre>
 * of sizes about n^2/8, n^2/8, n^2/8, n^2/8 and n^2/4; every eigenvalue of EO is a double eigenvalue of C with
 * eigenvectors v(i, j) and v(j, i). A vector of a block is stored by its values at representative nodes (one
 * per orbit), scaled by sqrt(orbit size) so that the Euclidean norm of the coordinates equals the norm of the
 * full grid vector and the restricted operator A = W^{1/2} T W^{-1/2} is symmetric.
 *
 * <p>The product uses the circulant embedding of {@link GridCovariance}: with nodes measured from the centre,
 * d = i - (n-1)/2, a vector of definite parity has a DFT that is a cosine (even) or sine (odd) sum over the
 * representatives, so per block
 * <pre>
 *   Y = G1 [Lambda o (F1 X F2^T)] G2^T,
 *   F_even[k][r] = m_r cos(2 pi k d_r / N),   F_odd[k][r] = 2 sin(2 pi k d_r / N),
 *   G[r][k] = (u_k / N) cos|sin(2 pi k d_r / N),   u_0 = u_{N/2} = 1, otherwise 2,
 * </pre>
 * k = 0..N/2 with N = 2(n-1), m_r = 1 at the centre node and 2 elsewhere: dense transforms of size n x n/2,
 * O(n^3) per product with no n^2 x n^2 matrix. For n = 65 that is about 0.4 M multiply-adds per product (0.3 M
 * in the swap blocks, which form only the triangles they need), about the count of one 128 x 128 real FFT
 * product, in plain loops the JIT vectorises; for n much larger than 100 an FFT would win.
 * Instances hold scratch arrays: one thread per instance.
 */
final class SymmetryBlock {
    static final int EVEN = 1;
    static final int ODD = -1;

    private final String name;
    private final int n;
    private final int parity1;
    private final int parity2;
    private final int swap;
    private final int[] rep1;
    private final int[] rep2;
    private final int[] coordA;
    private final int[] coordB;
    private final double[] sqrtWeight;
    private final double[] f1;
    private final double[] g1t;
    private final double[] f2t;
    private final double[] g2t;
    private final double[] spectrum;
    private final double[] x;
    private final double[] t1;
    private final double[] z;
    private final double[] u;
    private final double[] y;

    /**
     * @param swap 0 when the block is not split by the diagonal swap (parities differ), else +1 or -1
     */
    SymmetryBlock(String name, GridCovariance cov, int parity1, int parity2, int swap) {
        this.name = name;
        this.n = cov.grid();
        this.parity1 = parity1;
        this.parity2 = parity2;
        this.swap = swap;
        this.rep1 = representatives(n, parity1);
        this.rep2 = representatives(n, parity2);
        List<int[]> coords = new ArrayList<>();
        for (int a = 0; a < rep1.length; a++) {
            for (int b = 0; b < rep2.length; b++) {
                if (swap == 0 || b > a || (b == a && swap > 0)) {
                    coords.add(new int[] {a, b});
                }
            }
        }
        int d = coords.size();
        coordA = new int[d];
        coordB = new int[d];
        sqrtWeight = new double[d];
        for (int q = 0; q < d; q++) {
            int a = coords.get(q)[0];
            int b = coords.get(q)[1];
            coordA[q] = a;
            coordB[q] = b;
            double w = multiplicity(n, rep1[a]) * multiplicity(n, rep2[b]) * (swap != 0 && a != b ? 2 : 1);
            sqrtWeight[q] = Math.sqrt(w);
        }
        f1 = forward(n, rep1, parity1);
        g1t = inverse(n, rep1, parity1);
        f2t = transpose(forward(n, rep2, parity2), n, rep2.length);
        g2t = inverse(n, rep2, parity2);
        spectrum = cov.spectrum();
        x = new double[rep1.length * rep2.length];
        t1 = new double[n * rep2.length];
        z = new double[n * n];
        u = new double[rep1.length * n];
        y = new double[rep1.length * rep2.length];
    }

    /** @return the non-empty blocks EE+, EE-, OO+, OO-, EO of the n x n grid, in this order */
    static List<SymmetryBlock> all(GridCovariance cov) {
        List<SymmetryBlock> blocks = new ArrayList<>();
        blocks.add(new SymmetryBlock("EE+", cov, EVEN, EVEN, 1));
        blocks.add(new SymmetryBlock("EE-", cov, EVEN, EVEN, -1));
        blocks.add(new SymmetryBlock("OO+", cov, ODD, ODD, 1));
        blocks.add(new SymmetryBlock("OO-", cov, ODD, ODD, -1));
        blocks.add(new SymmetryBlock("EO", cov, EVEN, ODD, 0));
        blocks.removeIf(b -> b.dimension() == 0);
        return blocks;
    }

    String name() {
        return name;
    }

    int dimension() {
        return coordA.length;
    }

    /** @return true for EO, whose eigenvectors have a second copy (the swap image, OE) with the same eigenvalue */
    boolean doubled() {
        return swap == 0;
    }

    /**
     * out = A s, the restricted covariance in scaled coordinates, by the transforms of the class comment.
     *
     * @param s   coordinates, length {@link #dimension()}; not modified
     * @param out result, same length; modified (may not alias s)
     */
    void apply(double[] s, double[] out) {
        int a1 = rep1.length;
        int a2 = rep2.length;
        Arrays.fill(x, 0);
        for (int q = 0; q < s.length; q++) {
            double value = s[q] / sqrtWeight[q];
            x[coordA[q] * a2 + coordB[q]] = value;
            if (swap != 0) {
                x[coordB[q] * a2 + coordA[q]] = swap * value;
            }
        }
        Arrays.fill(t1, 0);
        for (int k = 0; k < n; k++) {
            for (int a = 0; a < a1; a++) {
                axpy(f1[k * a1 + a], x, a * a2, t1, k * a2, a2);
            }
        }
        // with the swap, X^T = swap X, so Z = F X F^T has Z^T = swap Z (and Lambda is symmetric): form the
        // upper triangle k2 >= k1 only and mirror it
        boolean half = swap != 0;
        Arrays.fill(z, 0);
        for (int k1 = 0; k1 < n; k1++) {
            int from = half ? k1 : 0;
            for (int b = 0; b < a2; b++) {
                axpy(t1[k1 * a2 + b], f2t, b * n + from, z, k1 * n + from, n - from);
            }
        }
        for (int i = 0; i < z.length; i++) {
            z[i] *= spectrum[i];
        }
        if (half) {
            for (int k1 = 1; k1 < n; k1++) {
                for (int k2 = 0; k2 < k1; k2++) {
                    z[k1 * n + k2] = swap * z[k2 * n + k1];
                }
            }
        }
        Arrays.fill(u, 0);
        for (int a = 0; a < a1; a++) {
            for (int k1 = 0; k1 < n; k1++) {
                axpy(g1t[k1 * a1 + a], z, k1 * n, u, a * n, n);
            }
        }
        // the coordinates of a swap block sit at b >= a: only that triangle of Y = U G2^T is read
        Arrays.fill(y, 0);
        for (int a = 0; a < a1; a++) {
            int from = half ? a : 0;
            for (int k2 = 0; k2 < n; k2++) {
                axpy(u[a * n + k2], g2t, k2 * a2 + from, y, a * a2 + from, a2 - from);
            }
        }
        for (int q = 0; q < out.length; q++) {
            out[q] = sqrtWeight[q] * y[coordA[q] * a2 + coordB[q]];
        }
    }

    /**
     * The block matrix A = W^{1/2} T W^{-1/2} formed entry by entry from the kernel: T[q][q'] is the sum of
     * chi(g) C(node q, g node q') over the distinct images of node q' with their signs.
     *
     * @return A, dimension x dimension, row-major
     */
    double[][] denseMatrix(GridCovariance cov) {
        int d = dimension();
        double[][] m = new double[d][d];
        int[] nodes = new int[8];
        int[] signs = new int[8];
        for (int c = 0; c < d; c++) {
            int count = images(c, nodes, signs);
            for (int r = 0; r < d; r++) {
                int p = rep1[coordA[r]] * n + rep2[coordB[r]];
                double sum = 0;
                for (int t = 0; t < count; t++) {
                    sum += signs[t] * cov.entry(p, nodes[t]);
                }
                m[r][c] = sqrtWeight[r] * sum / sqrtWeight[c];
            }
        }
        return m;
    }

    /**
     * The full grid vector of block coordinates s: value s_q / sqrt(w_q) at every image of node q with its sign.
     *
     * @param s        coordinates; not modified
     * @param swapped  true for the OE copy of an EO vector: v(i, j) = v_EO(j, i)
     * @return length n^2, index i*n+j, with the same Euclidean norm as s
     */
    double[] expand(double[] s, boolean swapped) {
        double[] full = new double[n * n];
        int[] nodes = new int[8];
        int[] signs = new int[8];
        for (int q = 0; q < s.length; q++) {
            int count = images(q, nodes, signs);
            double value = s[q] / sqrtWeight[q];
            for (int t = 0; t < count; t++) {
                int node = swapped ? (nodes[t] % n) * n + nodes[t] / n : nodes[t];
                full[node] = signs[t] * value;
            }
        }
        return full;
    }

    /** @return the block coordinates of a full grid vector (assumed to lie in the block) */
    double[] restrict(double[] full) {
        double[] s = new double[dimension()];
        for (int q = 0; q < s.length; q++) {
            s[q] = sqrtWeight[q] * full[rep1[coordA[q]] * n + rep2[coordB[q]]];
        }
        return s;
    }

    /** Distinct images g(node q) with characters chi(g); returns their number (1 to 8). */
    private int images(int q, int[] nodes, int[] signs) {
        int i = rep1[coordA[q]];
        int j = rep2[coordB[q]];
        int count = 0;
        int[][] reflections = {{i, j, 1}, {n - 1 - i, j, parity1}, {i, n - 1 - j, parity2},
            {n - 1 - i, n - 1 - j, parity1 * parity2}};
        for (int[] g : reflections) {
            count = add(g[0] * n + g[1], g[2], nodes, signs, count);
            if (swap != 0) {
                count = add(g[1] * n + g[0], g[2] * swap, nodes, signs, count);
            }
        }
        return count;
    }

    private static int add(int node, int sign, int[] nodes, int[] signs, int count) {
        for (int t = 0; t < count; t++) {
            if (nodes[t] == node) {
                return count;
            }
        }
        nodes[count] = node;
        signs[count] = sign;
        return count + 1;
    }

    /** Nodes i with 2i >= n-1 (even) or 2i > n-1 (odd): one per pair {i, n-1-i}, the centre only when even. */
    static int[] representatives(int n, int parity) {
        int first = parity == EVEN ? (n) / 2 : n / 2 + (n % 2);
        int[] reps = new int[n - first];
        for (int r = 0; r < reps.length; r++) {
            reps[r] = first + r;
        }
        return reps;
    }

    private static int multiplicity(int n, int i) {
        return 2 * i == n - 1 ? 1 : 2;
    }

    /** F[k][r], k = 0..n-1 (= 0..N/2), flat [k * reps + r]. */
    private static double[] forward(int n, int[] reps, int parity) {
        double[] f = new double[n * reps.length];
        for (int k = 0; k < n; k++) {
            for (int r = 0; r < reps.length; r++) {
                double angle = angle(n, k, reps[r]);
                f[k * reps.length + r] = parity == EVEN ? multiplicity(n, reps[r]) * Math.cos(angle)
                    : 2 * Math.sin(angle);
            }
        }
        return f;
    }

    /** G^T: G[r][k] stored at [k * reps + r]. */
    private static double[] inverse(int n, int[] reps, int parity) {
        int big = 2 * (n - 1);
        double[] g = new double[n * reps.length];
        for (int k = 0; k < n; k++) {
            double weight = (k == 0 || k == n - 1 ? 1.0 : 2.0) / big;
            for (int r = 0; r < reps.length; r++) {
                double angle = angle(n, k, reps[r]);
                g[k * reps.length + r] = weight * (parity == EVEN ? Math.cos(angle) : Math.sin(angle));
            }
        }
        return g;
    }

    /** 2 pi k d / N with d = i - (n-1)/2, reduced exactly modulo 2 pi: pi (k (2i - n + 1) mod 2N) / N. */
    private static double angle(int n, int k, int i) {
        int big = 2 * (n - 1);
        long e = Math.floorMod((long) k * (2L * i - (n - 1)), 2L * big);
        return Math.PI * e / big;
    }

    private static double[] transpose(double[] m, int rows, int cols) {
        double[] t = new double[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }

    /** y[yOff + t] += alpha * x[xOff + t] for t < len. */
    private static void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int len) {
        if (alpha == 0) {
            return;
        }
        for (int t = 0; t < len; t++) {
            y[yOff + t] += alpha * x[xOff + t];
        }
    }
}
