package org.fieldvae.vae;

/**
 * A model's loss terms on a dataset, in the model's loss scale ({@link LossScale}), batch norm in
 * inference mode.
 *
 * @param rec  L_REC, the Monte Carlo estimate of -E_q[log p(y|z)] (Eq. 4, 20-21), averaged over the fields
 * @param reg  L_REG: the closed-form KL against the standard or scaled prior, or the sampled
 *             hierarchical-prior term (Eq. 13-14) with beta_p = 1
 * @param beta the weight of L_REG in {@code loss}
 * @param loss L_REC + beta L_REG
 */
public record ProbeLosses(double rec, double reg, double beta, double loss) {
    static ProbeLosses of(double rec, double reg, double beta) {
        return new ProbeLosses(rec, reg, beta, rec + beta * reg);
    }
}
