package org.fieldvae.score;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every score of one table of latents z (n columns) and generative parameters theta (p columns). Arrays
 * are copied in and out.
 *
 * @param sD                 S_D (Eq. 5, absolute covariances), in [1/p, 1], 1 disentangled
 * @param sKl                S_KL (Eq. 6), lower is better, about 0 for a scaled and shifted copy of theta;
 *                           NaN when n != p
 * @param a                  optimal scales of S_KL, length n (empty when S_KL is NaN)
 * @param b                  optimal shifts of S_KL: the match is {@code a_i (z_{permutation_i} - b_i)}
 * @param permutation        optimal latent order of S_KL (the identity unless permutations were searched)
 * @param mig                mutual information gap, in [0, 1]
 * @param dciDisentanglement DCI disentanglement, in [0, 1]
 * @param dciCompleteness    DCI completeness, in [0, 1]
 * @param dciInformativeness DCI informativeness as held-out R^2 of the linear regressor, at most 1
 * @param sap                separated attribute predictability, in [0, 1]
 * @param totalCorrelation   Gaussian total correlation of the latent means, in nats, &gt;= 0
 * @param correlation        Pearson correlation {@code [latent][parameter]}, n x p
 * @param samples            rows scored
 * @param klThetaSamples     theta samples the S_KL estimate used (a random half, or the reference sample)
 * @param klLatentSamples    latent samples the S_KL estimate used (the other half, or all rows)
 * @param klEvaluations      evaluations of the k-NN estimate over all Nelder-Mead starts
 * @param warnings           what the reader should know, e.g. n != p
 */
public record Scores(double sD, double sKl, double[] a, double[] b, int[] permutation, double mig,
        double dciDisentanglement, double dciCompleteness, double dciInformativeness, double sap,
        double totalCorrelation, double[][] correlation, int samples, int klThetaSamples, int klLatentSamples,
        int klEvaluations, List<String> warnings) {

    public Scores {
        a = a.clone();
        b = b.clone();
        permutation = permutation.clone();
        correlation = deepCopy(correlation);
        warnings = List.copyOf(warnings);
    }

    @Override
    public double[] a() {
        return a.clone();
    }

    @Override
    public double[] b() {
        return b.clone();
    }

    @Override
    public int[] permutation() {
        return permutation.clone();
    }

    @Override
    public double[][] correlation() {
        return deepCopy(correlation);
    }

    /**
     * The scores as ordered key/value pairs with snake_case keys (for the JSON of {@code fieldvae score}
     * and the one-row KNIME table); arrays become lists.
     */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s_d", sD);
        m.put("s_kl", sKl);
        m.put("s_kl_a", list(a));
        m.put("s_kl_b", list(b));
        List<Integer> perm = new ArrayList<>();
        for (int v : permutation) {
            perm.add(v);
        }
        m.put("s_kl_permutation", perm);
        m.put("mig", mig);
        m.put("dci_disentanglement", dciDisentanglement);
        m.put("dci_completeness", dciCompleteness);
        m.put("dci_informativeness", dciInformativeness);
        m.put("sap", sap);
        m.put("total_correlation", totalCorrelation);
        List<List<Double>> corr = new ArrayList<>();
        for (double[] row : correlation) {
            corr.add(list(row));
        }
        m.put("correlation", corr);
        m.put("samples", samples);
        m.put("kl_theta_samples", klThetaSamples);
        m.put("kl_latent_samples", klLatentSamples);
        m.put("kl_evaluations", klEvaluations);
        m.put("warnings", warnings);
        return m;
    }

    private static List<Double> list(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(x);
        }
        return out;
    }

    private static double[][] deepCopy(double[][] t) {
        double[][] out = new double[t.length][];
        for (int i = 0; i < t.length; i++) {
            out[i] = t[i].clone();
        }
        return out;
    }
}
