package org.fieldvae.vae;

/** How the loss terms are normalised (docs/paper-facts.md, "Losses"). */
public enum LossScale {
    /**
     * The authors' code: the Gaussian log-likelihood summed over channels and averaged over pixels and
     * batch; the standard-prior KL averaged over latent dimensions and batch (hierarchical-prior terms
     * summed over latent dimensions). The paper's beta schedule and loss values assume this scale.
     */
    PER_PIXEL,
    /** The true negative ELBO: sums over pixels, channels and latent dimensions, averaged over the batch. */
    ELBO
}
