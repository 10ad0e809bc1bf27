package org.fieldvae.knime.support.vae;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.fieldvae.vae.HpDecoder;
import org.fieldvae.vae.LossScale;
import org.fieldvae.vae.PriorAndLoss;
import org.fieldvae.vae.PriorKind;

/**
 * The VAE Learner's {@link PriorAndLoss} as the dialog holds it: the scaled prior's variances as the text the user
 * types. Not validated here: {@link #toEngine} lets the engine do it.
 *
 * @param prior prior of the latent space
 * @param priorVariances variances of the scaled prior, one positive number per latent dimension, e.g. "1, 2"; read
 *            only for {@link PriorKind#SCALED}
 * @param hpDecoder the hierarchical prior's decoder network: the intended one or the one the authors' code ran
 * @param lossScale normalisation of the loss terms
 * @param logVarianceBound latent and output log-variances are clipped to [-bound, bound], in [1, 80]
 * @param semiSupervised add -log q(z = theta | y) for labelled samples (paper Eq. 29)
 * @param subLatentSchedule with the hierarchical prior, weight the sub-latent KL by its own Klushyn beta
 * @param betaP0 start of that sub-latent beta, positive
 */
public record PriorOptions(PriorKind prior, String priorVariances, HpDecoder hpDecoder, LossScale lossScale,
    double logVarianceBound, boolean semiSupervised, boolean subLatentSchedule, double betaP0) {

    /**
     * @param p engine settings
     * @return the same settings as dialog options
     */
    public static PriorOptions of(final PriorAndLoss p) {
        final String variances = p.priorVariances() == null ? ""
            : Arrays.stream(p.priorVariances()).mapToObj(Double::toString).collect(Collectors.joining(", "));
        return new PriorOptions(p.prior(), variances, p.hpDecoder(), p.lossScale(), p.logVarianceBound(),
            p.semiSupervised(), p.subLatentSchedule(), p.betaP0());
    }

    /**
     * @return the engine's record
     * @throws IllegalArgumentException naming the dialog option (variances) or the engine's setting
     */
    public PriorAndLoss toEngine() {
        final double[] variances =
            prior == PriorKind.SCALED ? OptionText.doubles(LearnerOptions.PRIOR_VARIANCES, priorVariances) : null;
        return new PriorAndLoss(prior, variances, hpDecoder, lossScale, logVarianceBound, semiSupervised,
            subLatentSchedule, betaP0);
    }

    /** @return these options with another prior and variances (as typed) */
    public PriorOptions withPrior(final PriorKind kind, final String variances) {
        return new PriorOptions(kind, variances, hpDecoder, lossScale, logVarianceBound, semiSupervised,
            subLatentSchedule, betaP0);
    }

    /** @return these options with another hierarchical prior decoder */
    public PriorOptions withHpDecoder(final HpDecoder decoder) {
        return new PriorOptions(prior, priorVariances, decoder, lossScale, logVarianceBound, semiSupervised,
            subLatentSchedule, betaP0);
    }

    /** @return these options with the sub-latent schedule on or off and its start */
    public PriorOptions withSubLatentSchedule(final boolean on, final double start) {
        return new PriorOptions(prior, priorVariances, hpDecoder, lossScale, logVarianceBound, semiSupervised, on,
            start);
    }
}
