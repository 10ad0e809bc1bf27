package org.fieldvae.vae;

/**
 * The bound [-b, b] on the latent, output and prior log-variances: every log-variance the network outputs
 * is clipped to it before use, which keeps a diverging run finite (the authors clip nothing,
 * docs/paper-facts.md "Losses").
 *
 * <p>Gradient rule: the gradient passes the clip unchanged (a straight-through clip). A clip whose gradient is
 * zero beyond the bound is a trap: in the reconstruction-only phase nothing holds the latent log-variance
 * up, it drifts below -b, and from then on the KL can never pull it back (a standard-prior run at 17 x 17
 * stayed a deterministic autoencoder for all its 800 epochs that way). With the gradient passed through, the
 * KL's d/dlv = (exp(lv) - 1) / 2 keeps pulling a log-variance below the bound back up, as it does in the
 * authors' unclipped code.
 *
 * @param bound b, in [1, 80]
 */
record LogVarianceBound(double bound) {

    /** The name of the gradient rule beyond the bound, for the independent reference: "pass-through". */
    String gradientRule() {
        return "pass-through";
    }

    /** The clipped values, a new array; {@code raw} is not modified. */
    double[] apply(double[] raw) {
        double[] c = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            c[i] = Math.max(-bound, Math.min(bound, raw[i]));
        }
        return c;
    }
}
