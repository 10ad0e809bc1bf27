package org.fieldvae.experiment;

/**
 * The weight beta_p of the hierarchical prior's sub-latent KL, KL(q(xi|z) || N(0, I)) (docs/paper-facts.md): the spec
 * key {@code beta_p}. Ignored by the other priors.
 */
public enum BetaP {
    /** beta_p = 1 throughout: the paper's main variant (and the authors' "DenseVAE_HP_Dis" network). */
    ONE,
    /**
     * The authors' "full" variant's second scheduler (paper Appendix B): a Klushyn-type beta_p from 1e-8, uncapped,
     * driven by the batch mean of log p(z|xi) summed over the latent dimensions ({@code PriorAndLoss#subLatentSchedule}).
     * The full variant's network log-variances are not part of it.
     */
    SCHEDULED
}
