package org.fieldvae.vae;

import java.util.Arrays;
import java.util.Objects;

import org.fieldvae.Check;

/**
 * What the DenseVAE's loss is made of: the prior of the latent space, the scale of the loss terms, the
 * semi-supervised term. One of the groups of {@link VaeSettings}; arrays are copied in and out. Whether
 * the scaled prior's variances match the latent dimension is checked by {@link VaeSettings}, which knows both.
 *
 * @param prior             prior of the latent space
 * @param priorVariances    variances (> 0) of the {@link PriorKind#SCALED} prior, one per latent dimension;
 *                          null or ignored for the other priors
 * @param hpDecoder         the hierarchical prior's decoder network p(z|xi): the intended one or the one the
 *                          authors' code ran ({@link HpDecoder}); ignored by the other priors. Absent (null) in
 *                          model files older than it: {@link HpDecoder#INTENDED}, which those ran
 * @param lossScale         normalisation of the loss terms (authors' per-pixel scale by default)
 * @param logVarianceBound  latent and output log-variances are clipped to [-bound, bound] before use, in
 *                          [1, 80] (the authors clip nothing; the bound keeps a diverging run finite)
 * @param semiSupervised    add -log q(z = theta | y) for labelled samples (Eq. 29)
 * @param subLatentSchedule with the hierarchical prior only: weight the sub-latent KL by a Klushyn-type
 *                          beta_p driven by the mean of -log p(z|xi) (paper Appendix B)
 * @param betaP0            starting value of beta_p (1e-8), > 0
 */
public record PriorAndLoss(PriorKind prior, double[] priorVariances, HpDecoder hpDecoder, LossScale lossScale,
        double logVarianceBound, boolean semiSupervised, boolean subLatentSchedule, double betaP0) {

    public PriorAndLoss {
        Objects.requireNonNull(prior, "prior");
        priorVariances = priorVariances == null ? null : priorVariances.clone();
        // absent from the settings.json of models saved before it existed: those ran the intended network
        hpDecoder = hpDecoder == null ? HpDecoder.INTENDED : hpDecoder;
        Objects.requireNonNull(lossScale, "lossScale");
        Check.inRange("logVarianceBound", logVarianceBound, 1.0, 80.0);
        Check.positive("betaP0", betaP0);
        Check.that(!subLatentSchedule || prior == PriorKind.HIERARCHICAL, "subLatentSchedule",
                "needs the hierarchical prior");
    }

    /**
     * The prior of docs/paper-facts.md ("Prior"): standard or hierarchical; per-pixel loss, bound 15, no labels;
     * the HP decoder the authors' code ran, which disentangled 5 of 12 runs against the intended one's 1 of 12
     * (docs/learner.md "Which hierarchical-prior decoder is the default").
     */
    public static PriorAndLoss defaults(boolean hierarchical) {
        return new PriorAndLoss(hierarchical ? PriorKind.HIERARCHICAL : PriorKind.STANDARD, null,
                HpDecoder.AS_CODED, LossScale.PER_PIXEL, 15.0, false, false, 1e-8);
    }

    @Override
    public double[] priorVariances() {
        return priorVariances == null ? null : priorVariances.clone();
    }

    /**
     * Another prior; the sub-latent schedule is switched off unless it is the hierarchical one, which alone has it.
     *
     * @param variances the variances of the scaled prior, or null for the other priors
     */
    public PriorAndLoss withPrior(PriorKind kind, double[] variances) {
        return new PriorAndLoss(kind, variances, hpDecoder, lossScale, logVarianceBound, semiSupervised,
                subLatentSchedule && kind == PriorKind.HIERARCHICAL, betaP0);
    }

    public PriorAndLoss withHpDecoder(HpDecoder value) {
        return new PriorAndLoss(prior, priorVariances, value, lossScale, logVarianceBound, semiSupervised,
                subLatentSchedule, betaP0);
    }

    public PriorAndLoss withLossScale(LossScale value) {
        return new PriorAndLoss(prior, priorVariances, hpDecoder, value, logVarianceBound, semiSupervised,
                subLatentSchedule, betaP0);
    }

    public PriorAndLoss withLogVarianceBound(double value) {
        return new PriorAndLoss(prior, priorVariances, hpDecoder, lossScale, value, semiSupervised,
                subLatentSchedule, betaP0);
    }

    public PriorAndLoss withSemiSupervised(boolean on) {
        return new PriorAndLoss(prior, priorVariances, hpDecoder, lossScale, logVarianceBound, on,
                subLatentSchedule, betaP0);
    }

    public PriorAndLoss withSubLatentSchedule(boolean on, double start) {
        return new PriorAndLoss(prior, priorVariances, hpDecoder, lossScale, logVarianceBound, semiSupervised,
                on, start);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PriorAndLoss p && toString().equals(p.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "PriorAndLoss[prior=" + prior + ", priorVariances=" + Arrays.toString(priorVariances)
                + ", hpDecoder=" + hpDecoder + ", lossScale=" + lossScale + ", logVarianceBound=" + logVarianceBound
                + ", semiSupervised=" + semiSupervised + ", subLatentSchedule=" + subLatentSchedule
                + ", betaP0=" + betaP0 + "]";
    }
}
