package org.fieldvae.vae;

/** The prior p(z) of the latent space (paper Sections 2 and 3.2). */
public enum PriorKind {
    /** p(z) = N(0, I), the authors' "std_norm". */
    STANDARD,
    /** p(z) = N(0, diag(variances)) with fixed, given variances, the authors' "scaled_gaussian". */
    SCALED,
    /** The hierarchical prior p(z) = integral p(z|xi) p(xi) dxi with learned MLPs and p(xi) = N(0, I) (Eq. 13-14). */
    HIERARCHICAL
}
