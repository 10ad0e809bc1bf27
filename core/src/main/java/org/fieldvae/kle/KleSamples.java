package org.fieldvae.kle;

import org.fieldvae.Check;

/**
 * Generative parameters and the permeability fields they give, sample by sample.
 *
 * @param theta        theta, [sample][p] (accessor copies)
 * @param permeability K = exp(G), [sample][i][j] (accessor copies)
 */
public record KleSamples(double[][] theta, float[][][] permeability) {

    public KleSamples {
        Check.that(theta != null && permeability != null && theta.length == permeability.length, "samples",
            "theta and permeability must hold the same number of samples");
        theta = copy(theta);
        permeability = copy(permeability);
    }

    /** @return the number of samples */
    public int count() {
        return theta.length;
    }

    @Override
    public double[][] theta() {
        return copy(theta);
    }

    @Override
    public float[][][] permeability() {
        return copy(permeability);
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static float[][][] copy(float[][][] a) {
        float[][][] c = new float[a.length][][];
        for (int s = 0; s < a.length; s++) {
            c[s] = new float[a[s].length][];
            for (int i = 0; i < a[s].length; i++) {
                c[s][i] = a[s][i].clone();
            }
        }
        return c;
    }
}
