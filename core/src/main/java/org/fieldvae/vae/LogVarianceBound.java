package org.fieldvae.vae;

/**
 * The bound [-b, b] on the latent, output and prior log-variances: every log-variance the network outputs
 * is clipped to it before use, which keeps a diverging run finite (the authors clip nothing,
 * docs/paper-facts.md "Losses").
 *
 * <p>Gradient rule: a clipped value has no gradient with respect to the raw output beyond the bound.
 *
 * @param bound b, in [1, 80]
 */
record LogVarianceBound(double bound) {

    /** The name of the gradient rule beyond the bound, for the independent reference: "zero". */
    String gradientRule() {
        return "zero";
    }

    /** The clipped values, a new array; {@code raw} is not modified. */
    double[] apply(double[] raw) {
        double[] c = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            c[i] = Math.max(-bound, Math.min(bound, raw[i]));
        }
        return c;
    }

    /**
     * Turns gradients with respect to the clipped values into gradients with respect to the raw ones, in place.
     *
     * @param grad modified: d/d clipped on entry, d/d raw on return
     * @param raw  the raw values, not modified
     */
    void gradient(double[] grad, double[] raw) {
        for (int i = 0; i < grad.length; i++) {
            if (Math.abs(raw[i]) > bound) {
                grad[i] = 0;
            }
        }
    }
}
