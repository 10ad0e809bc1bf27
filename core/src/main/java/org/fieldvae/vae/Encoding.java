package org.fieldvae.vae;

/**
 * Latent posteriors q(z|y) = N(mean, diag exp(logVariance)) of a set of fields.
 *
 * @param mean        latent means [sample][latent]
 * @param logVariance latent log-variances [sample][latent] (clipped to the model's bound, as used in training)
 */
public record Encoding(double[][] mean, double[][] logVariance) {
    public Encoding {
        mean = copy(mean);
        logVariance = copy(logVariance);
    }

    @Override
    public double[][] mean() {
        return copy(mean);
    }

    @Override
    public double[][] logVariance() {
        return copy(logVariance);
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
