package org.fieldvae.vae;

import org.fieldvae.Check;

/**
 * How {@link LossLandscape} evaluates a model's losses on a dataset.
 *
 * @param latentSamples Monte Carlo samples of z per field for L_REC (and the hierarchical L_REG), 1..1000;
 *                      the paper uses 10 (Section 4.2, Fig. 6)
 * @param seed          seed of the reparameterisation noise; every evaluation restarts the stream, so two
 *                      models, or two latent rotations, see the same noise
 * @param beta          weight of L_REG in the total loss L_REC + beta L_REG, finite and >= 0
 */
public record ProbeSettings(int latentSamples, long seed, double beta) {
    /** The paper's Monte Carlo sample count for the loss along interpolation lines (Section 4.2). */
    public static final int PAPER_LATENT_SAMPLES = 10;

    public ProbeSettings {
        Check.inRange("latentSamples", latentSamples, 1, 1000);
        Check.finite("beta", beta);
        Check.nonNegative("beta", beta);
    }

    /** Ten latent samples, seed 1 and the beta the model ended its training with (1 if it has no history). */
    public static ProbeSettings defaults(TrainedModel model) {
        return new ProbeSettings(PAPER_LATENT_SAMPLES, 1L, LossLandscape.finalBeta(model));
    }

    public ProbeSettings withBeta(double beta) {
        return new ProbeSettings(latentSamples, seed, beta);
    }

    public ProbeSettings withLatentSamples(int latentSamples) {
        return new ProbeSettings(latentSamples, seed, beta);
    }

    public ProbeSettings withSeed(long seed) {
        return new ProbeSettings(latentSamples, seed, beta);
    }
}
