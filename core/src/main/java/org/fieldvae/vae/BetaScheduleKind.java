package org.fieldvae.vae;

/** How the weight beta of the regularisation term evolves after the reconstruction-only phase. */
public enum BetaScheduleKind {
    /** The constrained-optimisation update of Klushyn et al. 2019, capped at 1 (docs/paper-facts.md, "Training schedule"). */
    KLUSHYN,
    /** A constant beta: the beta-VAE (paper Fig. 10 sweeps beta from 0.001 to 100). */
    FIXED,
    /** Cyclical annealing (Fu et al. 2019): within each cycle beta rises linearly to its maximum, then stays. */
    CYCLICAL
}
