package org.fieldvae.score;

/**
 * A k-d tree over a fixed point set with per-axis weighted Euclidean distances
 * {@code d^2(p, q) = sum_j w_j (p_j - q_j)^2}. The weights are a query argument, so one tree built on the
 * latents answers queries in the transformed space {@code y = a o (z - b)} of S_KL for every (a, b)
 * the optimiser tries: {@code |y - x|^2 = sum_j a_j^2 (z_j - (x_j / a_j + b_j))^2}.
 *
 * <p>Implicit layout: the node of a range {@code [lo, hi)} is its middle element, split on the axis of
 * largest spread. Read-only after construction, hence safe to query from several threads when each
 * thread passes its own scratch arrays.
 */
final class KdTree {
    private final int dim;
    /** Point coordinates in tree order, {@code [node * dim + j]}. */
    private final double[] coords;
    /** Index of each tree-ordered point in the caller's array. */
    private final int[] original;
    /** Split axis of the node at each tree position. */
    private final int[] axis;

    /**
     * @param points {@code [point][coordinate]}, not modified; at least one point
     */
    KdTree(double[][] points) {
        int count = points.length;
        dim = points[0].length;
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        axis = new int[count];
        build(points, order, 0, count);
        original = order;
        coords = new double[count * dim];
        for (int i = 0; i < count; i++) {
            System.arraycopy(points[order[i]], 0, coords, i * dim, dim);
        }
    }

    int size() {
        return original.length;
    }

    private void build(double[][] points, int[] order, int lo, int hi) {
        if (hi - lo <= 1) {
            return;
        }
        int split = widestAxis(points, order, lo, hi);
        int mid = (lo + hi) >>> 1;
        select(points, order, lo, hi - 1, mid, split);
        axis[mid] = split;
        build(points, order, lo, mid);
        build(points, order, mid + 1, hi);
    }

    private int widestAxis(double[][] points, int[] order, int lo, int hi) {
        int best = 0;
        double bestSpread = -1;
        for (int j = 0; j < dim; j++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = lo; i < hi; i++) {
                double v = points[order[i]][j];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (max - min > bestSpread) {
                bestSpread = max - min;
                best = j;
            }
        }
        return best;
    }

    /** Quickselect (Hoare) so that order[mid] holds the median along the axis, smaller left, larger right. */
    private static void select(double[][] points, int[] order, int left, int right, int mid, int ax) {
        while (right > left) {
            double pivot = points[order[(left + right) >>> 1]][ax];
            int i = left;
            int j = right;
            while (i <= j) {
                while (points[order[i]][ax] < pivot) {
                    i++;
                }
                while (points[order[j]][ax] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                    i++;
                    j--;
                }
            }
            if (mid <= j) {
                right = j;
            } else if (mid >= i) {
                left = i;
            } else {
                return;
            }
        }
    }

    /**
     * Squared weighted distance from q to its k-th nearest tree point, skipping the point whose caller
     * index is {@code skip} (-1: skip none).
     *
     * @param q       query, length dim, not modified
     * @param weights per-axis weights, length dim, not modified
     * @param best    scratch of length k, modified (holds the k smallest squared distances, ascending)
     */
    double kthDistanceSquared(double[] q, double[] weights, int k, int skip, double[] best) {
        java.util.Arrays.fill(best, 0, k, Double.POSITIVE_INFINITY);
        nearest(0, original.length, q, weights, k, skip, best);
        return best[k - 1];
    }

    private void nearest(int lo, int hi, double[] q, double[] w, int k, int skip, double[] best) {
        if (lo >= hi) {
            return;
        }
        int mid = (lo + hi) >>> 1;
        if (original[mid] != skip) {
            double d2 = distanceSquared(mid, q, w);
            if (d2 < best[k - 1]) {
                int i = k - 1;
                while (i > 0 && best[i - 1] > d2) {
                    best[i] = best[i - 1];
                    i--;
                }
                best[i] = d2;
            }
        }
        if (hi - lo == 1) {
            return;
        }
        int ax = axis[mid];
        double diff = q[ax] - coords[mid * dim + ax];
        boolean leftFirst = diff < 0;
        if (leftFirst) {
            nearest(lo, mid, q, w, k, skip, best);
        } else {
            nearest(mid + 1, hi, q, w, k, skip, best);
        }
        if (w[ax] * diff * diff <= best[k - 1]) {
            if (leftFirst) {
                nearest(mid + 1, hi, q, w, k, skip, best);
            } else {
                nearest(lo, mid, q, w, k, skip, best);
            }
        }
    }

    /**
     * Counts the tree points within squared distance {@code radius2} of q (boundary included), skipping
     * {@code skip}, and finds the largest squared distance among them.
     *
     * @param out scratch of length 2, modified: {@code out[0]} the count, {@code out[1]} the largest
     *            squared distance (0 when none)
     */
    void ball(double[] q, double[] weights, double radius2, int skip, double[] out) {
        out[0] = 0;
        out[1] = 0;
        ball(0, original.length, q, weights, radius2, skip, out);
    }

    private void ball(int lo, int hi, double[] q, double[] w, double r2, int skip, double[] out) {
        if (lo >= hi) {
            return;
        }
        int mid = (lo + hi) >>> 1;
        if (original[mid] != skip) {
            double d2 = distanceSquared(mid, q, w);
            if (d2 <= r2) {
                out[0]++;
                out[1] = Math.max(out[1], d2);
            }
        }
        if (hi - lo == 1) {
            return;
        }
        int ax = axis[mid];
        double diff = q[ax] - coords[mid * dim + ax];
        if (diff <= 0 || w[ax] * diff * diff <= r2) {
            ball(lo, mid, q, w, r2, skip, out);
        }
        if (diff >= 0 || w[ax] * diff * diff <= r2) {
            ball(mid + 1, hi, q, w, r2, skip, out);
        }
    }

    /** The one distance formula used by both queries, so a ball of radius d_k holds its k-th point exactly. */
    private double distanceSquared(int node, double[] q, double[] w) {
        double sum = 0;
        int base = node * dim;
        for (int j = 0; j < dim; j++) {
            double diff = coords[base + j] - q[j];
            sum += w[j] * diff * diff;
        }
        return sum;
    }
}
