package org.fieldvae.score;

/**
 * Mutual information gap (Chen et al. 2018), with continuous variables discretised into equal-width bins
 * between each column's minimum and maximum (20 by default, as Locatello et al. 2019 do):
 * <pre>
 *   MIG = (1/p) sum_j [ I(z_{(1)}; theta_j) - I(z_{(2)}; theta_j) ] / H(theta_j)
 * </pre>
 * where {@code z_(1)}, {@code z_(2)} are the latents with the largest and second largest discrete mutual
 * information with theta_j (natural logarithms; with one latent the gap is I itself).
 * <pre>
 * R. T. Q. Chen, X. Li, R. Grosse, D. Duvenaud, Isolating sources of disentanglement in variational
 * autoencoders, NeurIPS 2018.
 * F. Locatello et al., Challenging common assumptions in the unsupervised learning of disentangled
 * representations, ICML 2019.
 * </pre>
 */
final class Mig {
    private Mig() {
    }

    /**
     * @param z     {@code [sample][latent]}, not modified, no constant column
     * @param theta {@code [sample][parameter]}, not modified, no constant column
     */
    static double score(double[][] z, double[][] theta, int bins) {
        int[][] zb = discretise(z, bins);
        int[][] tb = discretise(theta, bins);
        int p = tb.length;
        double sum = 0;
        for (int j = 0; j < p; j++) {
            double first = 0;
            double second = 0;
            for (int[] latent : zb) {
                double mi = mutualInformation(latent, tb[j], bins);
                if (mi > first) {
                    second = first;
                    first = mi;
                } else if (mi > second) {
                    second = mi;
                }
            }
            sum += (first - second) / entropy(tb[j], bins);
        }
        return sum / p;
    }

    /** Bin index of every entry, {@code [column][sample]}; the maximum goes into the last bin. */
    static int[][] discretise(double[][] t, int bins) {
        int cols = t[0].length;
        int[][] out = new int[cols][t.length];
        for (int j = 0; j < cols; j++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] row : t) {
                min = Math.min(min, row[j]);
                max = Math.max(max, row[j]);
            }
            for (int r = 0; r < t.length; r++) {
                int b = (int) ((t[r][j] - min) / (max - min) * bins);
                out[j][r] = Math.min(b, bins - 1);
            }
        }
        return out;
    }

    static double entropy(int[] a, int bins) {
        double[] counts = new double[bins];
        for (int v : a) {
            counts[v]++;
        }
        double h = 0;
        for (double c : counts) {
            if (c > 0) {
                double f = c / a.length;
                h -= f * Math.log(f);
            }
        }
        return h;
    }

    /** {@code I = sum_{u,v} P(u,v) log(P(u,v) / (P(u) P(v)))} of two discretised columns. */
    static double mutualInformation(int[] a, int[] b, int bins) {
        double[][] joint = new double[bins][bins];
        double[] pa = new double[bins];
        double[] pb = new double[bins];
        for (int r = 0; r < a.length; r++) {
            joint[a[r]][b[r]]++;
            pa[a[r]]++;
            pb[b[r]]++;
        }
        double n = a.length;
        double mi = 0;
        for (int u = 0; u < bins; u++) {
            for (int v = 0; v < bins; v++) {
                if (joint[u][v] > 0) {
                    mi += joint[u][v] / n * Math.log(joint[u][v] * n / (pa[u] * pb[v]));
                }
            }
        }
        return Math.max(0, mi);
    }
}
