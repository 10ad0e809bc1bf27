package org.fieldvae.experiment;

import static org.fieldvae.experiment.MapValues.enumValue;

import java.util.Map;
import java.util.Objects;

import org.fieldvae.vae.HpDecoder;
import org.fieldvae.vae.PriorKind;

/**
 * The latent prior of a trial's DenseVAE. One group of {@link RunSettings}; its spec keys are {@code prior},
 * {@code hp_decoder} and {@code beta_p}.
 *
 * @param prior     the latent prior; {@link PriorKind#SCALED} uses variances (1, 2, ..., p), the paper's (1, 2)
 * @param hpDecoder the hierarchical prior's decoder network ({@link HpDecoder}); ignored by the other priors
 * @param betaP     the hierarchical prior's sub-latent KL weight ({@link BetaP}); ignored by the other priors
 */
public record TrialPrior(PriorKind prior, HpDecoder hpDecoder, BetaP betaP) {

    public TrialPrior {
        Objects.requireNonNull(prior, "prior");
        Objects.requireNonNull(hpDecoder, "hpDecoder");
        Objects.requireNonNull(betaP, "betaP");
    }

    /** The standard prior (the HP decoder as the authors coded it, should the prior be changed to the hierarchical one). */
    public static TrialPrior quickstartDefaults() {
        return new TrialPrior(PriorKind.STANDARD, HpDecoder.AS_CODED, BetaP.ONE);
    }

    /**
     * The group's keys; a run folder written before {@code hp_decoder} existed ran the intended decoder, and one
     * written before {@code beta_p} existed ran beta_p = 1.
     */
    static TrialPrior fromMap(Map<String, ?> m) {
        return new TrialPrior(enumValue(PriorKind.class, m, "prior"),
                m.containsKey("hp_decoder") ? enumValue(HpDecoder.class, m, "hp_decoder") : HpDecoder.INTENDED,
                m.containsKey("beta_p") ? enumValue(BetaP.class, m, "beta_p") : BetaP.ONE);
    }

    /** Whether the trainer schedules beta_p: only the hierarchical prior has a sub-latent KL to weight. */
    boolean schedulesBetaP() {
        return prior == PriorKind.HIERARCHICAL && betaP == BetaP.SCHEDULED;
    }
}
